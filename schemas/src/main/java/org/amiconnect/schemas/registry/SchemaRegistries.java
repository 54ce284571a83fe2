package org.amiconnect.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Opens the schema registry a configuration names. */
public final class SchemaRegistries {

    static final String ACCEPTED_FORMS = "http://host:port or https://host:port for a Confluent-compatible registry, "
            + "'kafka' for the registry kept in a compacted Kafka topic, or 'memory' for a registry that lives only in "
            + "this process";

    private SchemaRegistries() {
    }

    /**
     * @param url {@code http(s)://...}, {@code kafka} or {@code memory}
     * @param kafkaClientProps Kafka connection settings, used by {@code kafka}
     * @param topic the registry topic, used by {@code kafka}
     * @param username Basic authentication user, used by {@code http(s)}
     * @param password Basic authentication password, used by {@code http(s)}
     * @throws IllegalArgumentException for any other URL
     */
    public static SchemaRegistry open(String url, Map<String, Object> kafkaClientProps, String topic,
            Optional<String> username, Optional<String> password) {
        String value = url == null ? "" : url.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpSchemaRegistry(value, username.orElse(null), password.orElse(null));
        }
        if (lower.equals("kafka")) {
            if (kafkaClientProps == null) {
                throw new IllegalArgumentException("The 'kafka' schema registry needs Kafka client settings");
            }
            return new KafkaSchemaRegistry(kafkaClientProps, topic);
        }
        if (lower.equals("memory")) {
            return new InMemorySchemaRegistry();
        }
        throw new IllegalArgumentException("Unsupported schema registry URL '" + HttpSchemaRegistry.redact(value)
                + "': use " + ACCEPTED_FORMS);
    }
}
