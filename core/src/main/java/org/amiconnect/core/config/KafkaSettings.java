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
        Map<String, Secret> secretProperties) {

    public static final String EMBEDDED = "embedded";

    public boolean embedded() {
        return EMBEDDED.equals(bootstrapServers);
    }

    /** The address clients use: for {@code embedded}, the broker that {@code amiconnect run} starts on loopback. */
    public String resolvedBootstrapServers() {
        return embedded() ? "127.0.0.1:" + embeddedPort : bootstrapServers;
    }
}
