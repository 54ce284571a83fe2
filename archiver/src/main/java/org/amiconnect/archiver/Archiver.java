package org.amiconnect.archiver;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.sink.SinkLoop;
import org.amiconnect.core.sink.SinkLoopOptions;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Archives every raw topic to the configured store (a local folder or S3), one object per run of records of a
 * partition.
 *
 * <p>The archiver has its own consumer group and reads {@code read_committed}. Records are added to an open object per
 * partition; the {@link RotationPolicy} closes it by record count, size and record time, and a partition without new
 * records for {@code archive.idle-flush} is closed too, so a quiet topic is still archived. A closed object is stored
 * and only then is the offset after its last record committed: a crash in between leaves the object stored but the
 * offset not committed, and the records are read again.
 *
 * <p>The rotation rules depend only on the records, so reading them again closes objects at the same offsets. An idle
 * close depends on the clock, so before opening an object the archiver asks the store whether an object with that key
 * (topic, partition, first offset) already exists; if so, that object's last offset becomes the end of the new one.
 * Either way a retry writes the same key with the same bytes.
 *
 * <p>The consume loop (positioning at the committed offsets, retries, rebalances, the thread) is core's
 * {@link SinkLoop}; the archiving itself is {@link ArchiverTask}.
 */
public final class Archiver implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 5_000;

    private final ArchiveStore store;
    private final ArchiverStats stats = new ArchiverStats();
    private final ArchiverTask task;
    private final SinkLoop loop;

    /** The archiver of a configuration: every raw topic of its sources, to the configured archive. */
    public Archiver(AmiConnectConfig config, KafkaClients clients, Topics topics, SchemaRegistry registry,
            List<RawEntity> rawEntities) {
        this(config.archive(), ArchiveStores.open(config.archive()), clients, consumerGroup(topics), registry,
                rawEntities.stream().map(topics::raw).distinct().toList());
    }

    /**
     * @param store the archive, which the archiver then owns and closes
     * @param group the consumer group
     * @param topics the topics to archive
     */
    public Archiver(ArchiveSettings settings, ArchiveStore store, KafkaClients clients, String group,
            SchemaRegistry registry, Collection<String> topics) {
        this.store = Objects.requireNonNull(store, "store");
        this.task = new ArchiverTask(settings, store, registry, topics, stats);
        try {
            Map<String, Object> props = clients.consumer("amiconnect-archiver-" + KafkaClients.processInstance(), group);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
            this.loop = new SinkLoop(SinkLoopOptions.of("Archiver", "archiver", "archive " + store.location(),
                    "the committed offsets", POLL), props, task);
        } catch (RuntimeException e) {
            task.stop();
            throw e;
        }
    }

    /** The archiver's consumer group: {@code <prefix>amiconnect-archiver}. */
    public static String consumerGroup(Topics topics) {
        return topics.prefix() + "amiconnect-archiver";
    }

    public String consumerGroup() {
        return loop.consumerGroup();
    }

    public List<String> topics() {
        return loop.topics();
    }

    public ArchiveStore store() {
        return store;
    }

    public ArchiverStats stats() {
        return stats;
    }

    /** Running, and the last store or commit (if any) succeeded. */
    public boolean isHealthy() {
        return loop.isHealthy();
    }

    /** Why the archiver has stopped for good without being closed; empty while it runs or retries. */
    public Optional<String> failure() {
        return loop.failure();
    }

    /**
     * Whether the archiver has read every record before {@code ends}: those records are in objects already stored or
     * stored by {@link #close()}. A transaction marker at the end of a partition needs no record.
     *
     * @param ends per raw partition, the offset after the last record to wait for (e.g. an extract run's
     *        {@code raw_end_offsets})
     */
    public boolean hasRead(Map<TopicPartition, Long> ends) {
        return task.hasTaken(ends);
    }

    /** Starts archiving on its own thread. */
    public void start() {
        loop.start();
    }

    /** Called after each object is stored and before its offset is committed; tests use it to simulate a crash. */
    void afterStore(Consumer<ArchiveKey> hook) {
        task.afterStore(hook);
    }

    /** Stores the objects being filled, commits their offsets, then closes the consumer and the store. */
    @Override
    public void close() {
        loop.close();
    }
}
