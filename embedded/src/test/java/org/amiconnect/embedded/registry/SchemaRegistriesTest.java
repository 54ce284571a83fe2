package org.amiconnect.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.core.config.RegistrySettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.HttpSchemaRegistry;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.junit.jupiter.api.Test;

/** The one place a registry implementation is chosen (the Kafka-backed one is opened in {@link KafkaSchemaRegistryIT}). */
class SchemaRegistriesTest {

    @Test
    void opensRegistriesByUrl() {
        Map<String, Object> kafka = Map.of();
        try (SchemaRegistry memory = SchemaRegistries.open("memory", kafka, "t", Optional.empty(), Optional.empty());
                SchemaRegistry remote = SchemaRegistries.open("https://registry.example:8081", kafka, "t",
                        Optional.of("u"), Optional.of("p"))) {
            assertThat(memory).isInstanceOf(InMemorySchemaRegistry.class);
            assertThat(remote).isInstanceOf(HttpSchemaRegistry.class);
        }
        assertThatThrownBy(() -> SchemaRegistries.open("ftp://user:pw@host", kafka, "t", Optional.empty(),
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://host:port")
                .hasMessageContaining("'kafka'")
                .hasMessageContaining("'memory'")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void opensTheHttpRegistryTheConfigurationNamesWithItsCredentials() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:9", "", 3, (short) -1, Path.of("data/kafka"), 9092, 9093,
                Map.of(), Map.of());
        RegistrySettings settings = new RegistrySettings("https://registry.example:8081", 8081, Optional.of("u"),
                Optional.of(Secret.of("pa55word")));

        try (SchemaRegistry registry = SchemaRegistries.open(settings, new KafkaClients(kafka), new Topics(""))) {
            assertThat(registry).isInstanceOfSatisfying(HttpSchemaRegistry.class,
                    http -> assertThat(http.url()).isEqualTo("https://registry.example:8081"));
            assertThat(registry.toString()).contains("user=u").doesNotContain("pa55word");
        }
    }
}
