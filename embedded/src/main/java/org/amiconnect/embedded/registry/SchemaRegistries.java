package org.amiconnect.embedded.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.RegistrySettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.HttpSchemaRegistry;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;

/**
 * Opens the schema registry a configuration names: the one place that chooses between the implementations. It lives
 * here, beside the Kafka-backed registry, because this is the only module that can see every implementation
 * (services and adapters are handed an open {@link SchemaRegistry} and never choose).
 */
public final class SchemaRegistries {

    static final String ACCEPTED_FORMS = "http://host:port or https://host:port for a Confluent-compatible registry, "
            + "'embedded' (or 'kafka') for the registry kept in a compacted Kafka topic, or 'memory' for a registry "
            + "that lives only in this process";
    private static final String CLIENT_ID = "amiconnect-schema-registry";

    private SchemaRegistries() {
    }

    /**
     * The registry of {@code schema-registry} in config.yaml: for {@code embedded}, the Kafka-backed registry on the
     * configured cluster's {@code ami._schemas} topic (created with {@code kafka.replication-factor}, else 1); for an
     * http(s) URL, that registry with the configured Basic credentials.
     *
     * @throws org.amiconnect.schemas.registry.SchemaRegistryException when the Kafka-backed registry cannot read its
     *     topic
     */
    public static SchemaRegistry open(RegistrySettings settings, KafkaClients clients, Topics topics) {
        short configured = clients.settings().replicationFactor();
        return open(settings.url(), clients.common(CLIENT_ID), topics.schemas(), configured > 0 ? configured : 1,
                settings.username(), settings.password().map(Secret::reveal));
    }

    /**
     * @param url {@code http(s)://...}, {@code embedded} or {@code kafka} (the same), or {@code memory}
     * @param kafkaClientProps Kafka connection settings, used by {@code embedded}
     * @param topic the registry topic, used by {@code embedded}; created with replication factor min(3, brokers)
     * @param username Basic authentication user, used by {@code http(s)}
     * @param password Basic authentication password, used by {@code http(s)}
     * @throws IllegalArgumentException for any other URL (the message hides credentials in it)
     */
    public static SchemaRegistry open(String url, Map<String, Object> kafkaClientProps, String topic,
            Optional<String> username, Optional<String> password) {
        return open(url, kafkaClientProps, topic, 0, username, password);
    }

    private static SchemaRegistry open(String url, Map<String, Object> kafkaClientProps, String topic,
            int replicationFactor, Optional<String> username, Optional<String> password) {
        String value = url == null ? "" : url.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpSchemaRegistry(value, username.orElse(null), password.orElse(null));
        }
        if (lower.equals(RegistrySettings.EMBEDDED) || lower.equals("kafka")) {
            if (kafkaClientProps == null) {
                throw new IllegalArgumentException("The embedded schema registry needs Kafka client settings");
            }
            return new KafkaSchemaRegistry(kafkaClientProps, topic, replicationFactor);
        }
        if (lower.equals("memory")) {
            return new InMemorySchemaRegistry();
        }
        throw new IllegalArgumentException("Unsupported schema registry URL '" + HttpSchemaRegistry.redact(value)
                + "': use " + ACCEPTED_FORMS);
    }
}
