package org.amiconnect.loader.connector;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.RegistrySettings;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.topics.Topics;

/**
 * The configuration of the Snowflake Connector for Kafka v4 (Snowpipe Streaming, high-performance architecture) that
 * loads the normalized topics into Snowflake instead of the loader: one append-only landing table per topic, columns
 * from the registered Avro schemas (schematization), Kafka coordinates in {@code RECORD_METADATA}.
 *
 * <p>Secrets are never written into the file: the private key (and the registry's credentials) are references to a
 * Kafka Connect {@code FileConfigProvider} file that the operator fills in on the Connect workers.
 */
public final class SnowflakeConnectorConfig {

    public static final String CONNECTOR_CLASS = "com.snowflake.kafka.connector.SnowflakeStreamingSinkConnector";
    /** Where the generated config expects the Connect worker's secrets file ({@code config.providers=file}). */
    public static final String SECRETS_FILE = "/etc/kafka-connect/secrets/amiconnect-snowflake.properties";
    /** The landing tables, one per normalized topic. */
    public static final String METER_READS_TABLE = "KAFKA_METER_READS";
    public static final String METERS_TABLE = "KAFKA_METERS";

    private SnowflakeConnectorConfig() {
    }

    /** The snowflake sink to configure: the named one, or the only one there is. */
    public static SinkConfig snowflakeSink(AmiConnectConfig config, String sinkId) {
        List<SinkConfig> snowflake = config.sinks().stream().filter(s -> s.type().equals("snowflake")).toList();
        if (sinkId != null) {
            SinkConfig sink = config.sink(sinkId).orElseThrow(() -> new IllegalArgumentException("--sink: '" + sinkId
                    + "' is not a configured sink; known: " + String.join(", ",
                            config.sinks().stream().map(SinkConfig::id).toList())));
            if (!sink.type().equals("snowflake")) {
                throw new IllegalArgumentException("--sink: '" + sinkId + "' is a " + sink.type()
                        + " sink; the Kafka connector loads Snowflake only");
            }
            return sink;
        }
        if (snowflake.size() != 1) {
            throw new IllegalArgumentException(snowflake.isEmpty()
                    ? "No snowflake sink is configured; add one to config.yaml (type: snowflake) with its secrets"
                    : "Several snowflake sinks are configured (" + String.join(", ",
                            snowflake.stream().map(SinkConfig::id).toList()) + "); choose one with --sink");
        }
        return snowflake.get(0);
    }

    /** The connector's settings, in a readable order. */
    public static Map<String, String> settings(AmiConnectConfig config, SinkConfig sink, String connectorName) {
        Topics topics = new Topics(config.kafka().topicPrefix());
        Map<String, String> c = new LinkedHashMap<>();
        c.put("name", connectorName);
        c.put("connector.class", CONNECTOR_CLASS);
        // one channel per topic partition; more tasks than partitions of a topic would idle
        c.put("tasks.max", String.valueOf(config.kafka().partitions()));
        c.put("topics", topics.meterReads() + "," + topics.meters());
        c.put("snowflake.topic2table.map", topics.meterReads() + ":" + METER_READS_TABLE + "," + topics.meters() + ":"
                + METERS_TABLE);
        c.put("snowflake.url.name", "https://" + host(secret(sink, "account")));
        c.put("snowflake.user.name", secret(sink, "user"));
        putIfPresent(c, "snowflake.role.name", sink, "role");
        putIfPresent(c, "snowflake.database.name", sink, "database");
        putIfPresent(c, "snowflake.schema.name", sink, "schema");
        c.put("snowflake.private.key", fileReference("snowflake.private.key"));
        if (sink.secrets().containsKey("ssh_key_passphrase")) {
            c.put("snowflake.private.key.passphrase", fileReference("snowflake.private.key.passphrase"));
        }
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        c.put("value.converter.schema.registry.url", registryUrl(config.schemaRegistry()));
        if (config.schemaRegistry().username().isPresent()) {
            c.put("value.converter.basic.auth.credentials.source", "USER_INFO");
            c.put("value.converter.basic.auth.user.info", fileReference("schema.registry.basic.auth.user.info"));
        }
        // a column per Avro field, so the landing tables can be queried like readings and meters
        c.put("snowflake.enable.schematization", "true");
        c.put("snowflake.metadata.all", "true");
        // a fresh v4 install, not a migration from a v3 (classic) connector
        c.put("snowflake.streaming.validate.compatibility.with.classic", "false");
        timestampsAsTimestamps(c, topics);
        c.put("errors.tolerance", "none");
        c.put("errors.log.enable", "true");
        return c;
    }

    /** The {@code timestamp-micros} fields of each normalized topic's value schema. */
    static final Map<String, List<String>> MICROS_FIELDS = Map.of(
            "reads", List.of("flowtime", "install_date"),
            "meters", List.of("meter_install_date", "observed_at"));

    /**
     * Lands every {@code timestamp-micros} field as a timestamp. Confluent's AvroConverter ({@code AvroData}) maps
     * only {@code timestamp-millis} to Connect's {@code Timestamp}; a {@code timestamp-micros} long becomes a plain
     * INT64, which schematization would land as a NUMBER of microseconds (e.g. FLOWTIME = 1730448000000000). Kafka's
     * own {@code TimestampConverter} SMT ({@code unix.precision=microseconds}, Kafka 3.2+) turns each such field into
     * a Connect {@code Timestamp} first (millisecond precision: AMI flowtimes are whole seconds), one transform per
     * field, applied only to the topic that has it (a topic-name predicate).
     */
    private static void timestampsAsTimestamps(Map<String, String> c, Topics topics) {
        Map<String, String> topicOf = Map.of("reads", topics.meterReads(), "meters", topics.meters());
        List<String> transforms = new java.util.ArrayList<>();
        for (String which : List.of("reads", "meters")) {
            for (String field : MICROS_FIELDS.get(which)) {
                String t = which + "_" + field;
                transforms.add(t);
                String prefix = "transforms." + t + ".";
                c.put(prefix + "type", "org.apache.kafka.connect.transforms.TimestampConverter$Value");
                c.put(prefix + "field", field);
                c.put(prefix + "target.type", "Timestamp");
                c.put(prefix + "unix.precision", "microseconds");
                c.put(prefix + "predicate", "is_" + which);
            }
        }
        c.put("transforms", String.join(",", transforms));
        c.put("predicates", "is_reads,is_meters");
        for (String which : List.of("reads", "meters")) {
            c.put("predicates.is_" + which + ".type",
                    "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
            c.put("predicates.is_" + which + ".pattern", java.util.regex.Pattern.quote(topicOf.get(which)));
        }
    }

    /** The settings as a {@code .properties} file for {@code connect-standalone}, with a header. */
    public static String properties(Map<String, String> settings, SinkConfig sink) {
        StringBuilder out = new StringBuilder();
        out.append("# Snowflake Connector for Kafka v4 (Snowpipe Streaming) for AMI Connect sink '").append(sink.id())
                .append("', generated by amiconnect snowflake connector-config.\n")
                .append("# Secrets are read from ").append(SECRETS_FILE)
                .append(" on the Connect workers (config.providers=file).\n")
                .append("# Run it instead of the loader for this sink, not alongside it. See docs/warehouse.md.\n");
        // Properties.store would add a date line and lose the order: store each entry alone, escaped the same way
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            StringWriter line = new StringWriter();
            try {
                one.store(line, null);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    /** The settings as the Kafka Connect REST API takes them: {@code {"name": ..., "config": {...}}}. */
    public static String json(Map<String, String> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", settings.get("name"));
        body.put("config", settings);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the connector config as JSON", e);
        }
    }

    private static String registryUrl(RegistrySettings registry) {
        // the embedded registry is served by `amiconnect run` on loopback: Connect must run on the same host
        return registry.embedded() ? "http://127.0.0.1:" + registry.embeddedPort() : registry.url();
    }

    private static String fileReference(String key) {
        return "${file:" + SECRETS_FILE + ":" + key + "}";
    }

    private static String host(String account) {
        return account.toLowerCase(Locale.ROOT).endsWith(".snowflakecomputing.com") ? account
                : account + ".snowflakecomputing.com";
    }

    private static String secret(SinkConfig sink, String key) {
        var s = sink.secrets().get(key);
        if (s == null) {
            throw new IllegalArgumentException("secrets.yaml sinks." + sink.id() + "." + key + " is missing");
        }
        return s.reveal();
    }

    private static void putIfPresent(Map<String, String> c, String setting, SinkConfig sink, String key) {
        var s = sink.secrets().get(key);
        if (s != null) {
            c.put(setting, s.reveal());
        }
    }
}
