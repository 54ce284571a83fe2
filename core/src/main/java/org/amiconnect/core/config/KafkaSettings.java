package org.amiconnect.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach Kafka.
 *
 * @param bootstrapServers {@code embedded} or a comma-separated host:port list
 * @param topicPrefix prepended to every topic name, e.g. {@code prod.}
 * @param partitions partitions of topics AMI Connect creates
 * @param replicationFactor replication of topics AMI Connect creates; -1 = the broker's default
 * @param embeddedDataDir where the embedded broker keeps its data
 * @param embeddedPort the embedded broker's client port
 * @param embeddedControllerPort the embedded broker's controller port
 * @param clientProperties extra Kafka client properties (e.g. security.protocol)
 * @param secretProperties Kafka client properties from secrets.yaml (e.g. sasl.jaas.config)
 * @param compressionType the codec of the batches AMI Connect's producers write ({@code kafka.compression-type}): one
 *     of {@link #COMPRESSION_TYPES}; a consumer needs the same codec to read them (KafkaJS has no lz4 built in)
 */
public record KafkaSettings(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        short replicationFactor,
        Path embeddedDataDir,
        int embeddedPort,
        int embeddedControllerPort,
        Map<String, String> clientProperties,
        Map<String, Secret> secretProperties,
        String compressionType) {

    public static final String EMBEDDED = "embedded";

    /** The default codec: cheap on CPU, and every Java, librdkafka and Go client reads it. */
    public static final String DEFAULT_COMPRESSION = "lz4";

    /** The codecs Kafka producers know ({@code compression.type}). */
    public static final java.util.List<String> COMPRESSION_TYPES = java.util.List.of("none", "gzip", "snappy", "lz4",
            "zstd");

    /** Settings with the default codec, {@value #DEFAULT_COMPRESSION}. */
    public KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
            Path embeddedDataDir, int embeddedPort, int embeddedControllerPort, Map<String, String> clientProperties,
            Map<String, Secret> secretProperties) {
        this(bootstrapServers, topicPrefix, partitions, replicationFactor, embeddedDataDir, embeddedPort,
                embeddedControllerPort, clientProperties, secretProperties, DEFAULT_COMPRESSION);
    }

    public boolean embedded() {
        return EMBEDDED.equals(bootstrapServers);
    }

    /** The address clients use: for {@code embedded}, the broker that {@code amiconnect run} starts on loopback. */
    public String resolvedBootstrapServers() {
        return embedded() ? "127.0.0.1:" + embeddedPort : bootstrapServers;
    }
}
