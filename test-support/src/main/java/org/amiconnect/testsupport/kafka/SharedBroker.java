package org.amiconnect.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.apache.commons.io.FileUtils;

/**
 * One real in-process KRaft broker for every test of a test JVM: starting a broker costs seconds on a small machine.
 * It starts on first use and stops, its data folder deleted, when the JVM exits (a shutdown hook). Tests share it and
 * keep apart by a topic prefix of their own ({@link #uniquePrefix}), which also names their consumer groups and
 * transactional ids.
 *
 * <p>A test that kills or restarts a broker, or needs one in a child process, starts its own instead.
 */
public final class SharedBroker {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    /**
     * The broker deletes what is past retention every second, from the start, where a production broker does so every
     * 5 minutes: records published with timestamps older than their topic's {@code retention.ms} (7 days by default)
     * then go at once, so a test that relies on them fails every time instead of once in a while. Test records carry
     * 2025 timestamps; topics that must keep them say so ({@code retention.ms=-1}).
     */
    private static final Map<String, String> RETENTION_EVERY_SECOND = Map.of(
            "log.retention.check.interval.ms", "1000", "log.initial.task.delay.ms", "0");
    private static EmbeddedKafkaBroker broker;

    private SharedBroker() {
    }

    /** The broker, started on the first call. */
    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            Path dir = tempDir();
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start(dir, 0, 0, RETENTION_EVERY_SECOND);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteTree(dir);
            }, "shared-broker-stop"));
            broker = started;
        }
        return broker;
    }

    /** {@code host:port} of the broker, started on the first call. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** A topic prefix no other test of this JVM uses: {@code name}, a number and a dot (e.g. {@code loader3.}). */
    public static String uniquePrefix(String name) {
        return name + PREFIXES.incrementAndGet() + ".";
    }

    /** Kafka settings for the shared broker: topics under {@code topicPrefix}, 3 partitions, replication factor 1. */
    public static KafkaSettings settings(String topicPrefix) {
        return settings(topicPrefix, 3);
    }

    /** Kafka settings for the shared broker with {@code partitions} partitions per topic, replication factor 1. */
    public static KafkaSettings settings(String topicPrefix, int partitions) {
        return new KafkaSettings(bootstrapServers(), topicPrefix, partitions, (short) 1, Path.of("."), 0, 0, Map.of(),
                Map.of());
    }

    /** Clients of the shared broker for topics under {@code topicPrefix} (3 partitions, replication factor 1). */
    public static KafkaClients clients(String topicPrefix) {
        return new KafkaClients(settings(topicPrefix));
    }

    /** Clients of the shared broker with {@code partitions} partitions per topic. */
    public static KafkaClients clients(String topicPrefix, int partitions) {
        return new KafkaClients(settings(topicPrefix, partitions));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("amiconnect-shared-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        // the JVM is exiting: a temp folder left behind is not worth failing for
        FileUtils.deleteQuietly(dir.toFile());
    }
}
