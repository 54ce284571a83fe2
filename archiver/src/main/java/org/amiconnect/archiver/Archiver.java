package org.amiconnect.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.amiconnect.archiver.format.ArchiveFormat;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.archiver.format.ObjectSummary;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.concurrent.Pauses;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class Archiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 5_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ArchiveStore store;
    private final String group;
    private final List<String> topics;
    private final RotationPolicy rotation;
    private final Duration idleFlush;
    private final CodecFactory codec;
    private final WriterSchemas schemas;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Path spoolDir;
    private final ArchiverStats stats = new ArchiverStats();
    private final Thread thread;
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();

    private volatile boolean running;
    private volatile boolean failing;
    private volatile Consumer<ArchiveKey> afterStore = key -> { };

    // state of the archiver thread only
    private final Map<TopicPartition, OpenObject> open = new HashMap<>();
    private final Map<String, Optional<String>> topicIds = new HashMap<>();
    private final ArchiveFormat.Encoder encoder = new ArchiveFormat.Encoder();
    private boolean rewindNeeded;
    private Duration retryDelay = FIRST_RETRY;

    /** An object being filled, and what decides its end besides the rotation rules. */
    private static final class OpenObject {
        final ArchiveObjectBuilder builder;
        /** The last offset of the object already stored under the same key, which this one reproduces. */
        final OptionalLong existingEnd;
        long lastAppendNanos;

        OpenObject(ArchiveObjectBuilder builder, OptionalLong existingEnd) {
            this.builder = builder;
            this.existingEnd = existingEnd;
        }
    }

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
        this.group = Objects.requireNonNull(group, "group");
        this.topics = List.copyOf(topics);
        this.rotation = RotationPolicy.of(settings);
        this.idleFlush = settings.idleFlush();
        this.codec = ArchiveFormat.codec(settings.codec());
        this.schemas = new WriterSchemas(registry);
        try {
            this.spoolDir = Files.createTempDirectory("amiconnect-archiver-");
            Map<String, Object> props = clients.consumer("amiconnect-archiver", group);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.admin = Admin.create(clients.admin("amiconnect-archiver-admin"));
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot create the archiver's spool folder: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.thread = new Thread(this::run, "archiver");
    }

    /** The archiver's consumer group: {@code <prefix>amiconnect-archiver}. */
    public static String consumerGroup(Topics topics) {
        return topics.prefix() + "amiconnect-archiver";
    }

    public String consumerGroup() {
        return group;
    }

    public List<String> topics() {
        return topics;
    }

    public ArchiveStore store() {
        return store;
    }

    public ArchiverStats stats() {
        return stats;
    }

    /** Running, and the last store or commit (if any) succeeded. */
    public boolean isHealthy() {
        return running && thread.isAlive() && !failing;
    }

    /** Starts archiving on its own thread. */
    public synchronized void start() {
        if (resourcesClosed.get()) {
            throw new IllegalStateException("The archiver is closed; create a new one");
        }
        if (running || thread.isAlive()) {
            throw new IllegalStateException("The archiver is already started");
        }
        running = true;
        thread.start();
    }

    /** Called after each object is stored and before its offset is committed; tests use it to simulate a crash. */
    void afterStore(Consumer<ArchiveKey> hook) {
        this.afterStore = Objects.requireNonNull(hook, "hook");
    }

    /** Stores the objects being filled, commits their offsets, then closes the consumer and the store. */
    @Override
    public synchronized void close() {
        running = false;
        if (Thread.currentThread() == thread) {
            return;
        }
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closeResources();
    }

    private void run() {
        log.info("Archiver started: group {}, topics {}, archive {}", group, topics, store.location());
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    handleFailure(e);
                }
            }
            try {
                closeAll(CloseReason.SHUTDOWN);
            } catch (RuntimeException e) {
                log.warn("Archiver: the records being collected were not stored and will be archived on the next "
                        + "start: {}", e.getMessage());
            }
        } catch (Throwable t) {
            log.error("Archiver stopped on an unexpected error", t);
            stats.failed(t.toString());
            failing = true;
        } finally {
            running = false;
            discardAll();
            closeResources();
            log.info("Archiver stopped: {}", stats);
        }
    }

    private void pollOnce() {
        if (rewindNeeded) {
            rewind();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            add(record);
        }
        if (!records.isEmpty()) {
            // only records handled without an error show that a failure is over, not a quiet poll after a rewind
            recovered();
        }
        closeIdle();
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        WriterSchemas.WriterSchema schema = schemas.of(record.topic(), record.value());
        byte[] datum = encoder.encode(ArchivedRecord.of(record));
        OpenObject o = open.get(tp);
        if (o != null) {
            Optional<CloseReason> reason = o.existingEnd.isPresent()
                    ? (record.offset() > o.existingEnd.getAsLong() ? Optional.of(CloseReason.EXISTING) : Optional.empty())
                    : rotation.closeBefore(o.builder, record.timestamp(), datum.length);
            if (reason.isPresent()) {
                closeObject(tp, reason.get());
                o = null;
            }
        }
        if (o == null) {
            o = openObject(tp, record);
        }
        o.builder.append(record.offset(), datum, schema == null ? null : schema.id(),
                schema == null ? null : schema.json());
        o.lastAppendNanos = System.nanoTime();
        Optional<CloseReason> full = o.existingEnd.isPresent()
                ? (record.offset() >= o.existingEnd.getAsLong() ? Optional.of(CloseReason.EXISTING) : Optional.empty())
                : rotation.closeAfter(o.builder);
        if (full.isPresent()) {
            closeObject(tp, full.get());
        }
    }

    private OpenObject openObject(TopicPartition tp, ConsumerRecord<byte[], byte[]> first) {
        ArchiveKey key = ArchiveKey.of(tp.topic(), tp.partition(), first.offset(), first.timestamp());
        Optional<String> topicId = topicId(tp.topic());
        OptionalLong existingEnd = OptionalLong.empty();
        Optional<ObjectSummary> existing = store.summary(key);
        if (existing.isPresent()) {
            ObjectSummary s = existing.get();
            if (s.topicId().isPresent() && topicId.isPresent() && !s.topicId().equals(topicId)) {
                throw new IllegalStateException("Archive object " + key + " was written from an earlier topic named "
                        + tp.topic() + " (topic id " + s.topicId().get() + "; the topic now has id " + topicId.get()
                        + "), so it is not overwritten. If the topic was deleted and restored from the archive, move "
                        + "the archiver past the restored records while it is stopped: amiconnect replay offsets "
                        + "--group " + group + " --topic " + tp.topic() + " --to-latest --execute");
            }
            if (s.topic().equals(key.topic()) && s.partition() == key.partition() && s.firstOffset() == key.firstOffset()
                    && s.lastOffset() >= key.firstOffset()) {
                existingEnd = OptionalLong.of(s.lastOffset());
                log.info("Archive object {} is already stored (offsets {}..{}) but its offsets were not committed: "
                        + "rebuilding it from the same records", key, s.firstOffset(), s.lastOffset());
            } else {
                log.warn("Archive object {} is already stored but describes {}-{} offsets {}..{}; it will be replaced",
                        key, s.topic(), s.partition(), s.firstOffset(), s.lastOffset());
            }
        }
        OpenObject o = new OpenObject(new ArchiveObjectBuilder(key, topicId, first.timestamp(), spoolDir), existingEnd);
        open.put(tp, o);
        return o;
    }

    /** The Kafka topic id of a topic, which changes when a topic is deleted and created again. */
    private Optional<String> topicId(String topic) {
        Optional<String> id = topicIds.get(topic);
        if (id == null) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic);
                id = d.topicId() == null || d.topicId().equals(Uuid.ZERO_UUID) ? Optional.empty()
                        : Optional.of(d.topicId().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while describing topic " + topic, e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("Cannot describe topic " + topic + ": " + cause.getMessage(), cause);
            }
            topicIds.put(topic, id);
        }
        return id;
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            if (now - open.get(tp).lastAppendNanos >= idleFlush.toNanos()) {
                closeObject(tp, CloseReason.IDLE);
            }
        }
    }

    private void closeAll(CloseReason reason) {
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            closeObject(tp, reason);
        }
    }

    /** Writes the object, stores it, and commits the offset after its last record. */
    private void closeObject(TopicPartition tp, CloseReason reason) {
        OpenObject o = open.remove(tp);
        ArchiveKey key = o.builder.key();
        Path file = spoolDir.resolve(key.topic() + "+" + key.partition() + "+" + key.firstOffset() + ".avro");
        try (ArchiveObjectBuilder builder = o.builder) {
            if (o.existingEnd.isPresent() && builder.lastOffset() != o.existingEnd.getAsLong()) {
                log.warn("Archive object {} ends at offset {} instead of the stored object's {} ({}): the stored one "
                        + "is replaced", key, builder.lastOffset(), o.existingEnd.getAsLong(), reason);
            }
            ObjectSummary summary = builder.finish(codec, file);
            long size = Files.size(file);
            store.put(key, file, summary);
            stats.stored(key.path(), summary.recordCount(), size, o.existingEnd.isPresent());
            log.debug("Stored archive object {} ({} records, offsets {}..{}, {} bytes, closed by {})", key,
                    summary.recordCount(), summary.firstOffset(), summary.lastOffset(), size, reason);
            afterStore.accept(key);
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(summary.lastOffset() + 1)));
            recovered();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private void handleFailure(RuntimeException e) {
        failing = true;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        stats.failed(message);
        boolean firstInARow = retryDelay.equals(FIRST_RETRY);
        log.error("Archiver: {}; retrying from the committed offsets in {} s", message, retryDelay.toSeconds(),
                firstInARow ? e : null);
        discardAll();
        rewindNeeded = true;
        Pauses.sleepWhile(() -> running, retryDelay);
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
    }

    private void recovered() {
        failing = false;
        retryDelay = FIRST_RETRY;
    }

    /** Positions every assigned partition at its committed offset, or at the beginning when it has none. */
    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (!assigned.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            Set<TopicPartition> fromStart = new HashSet<>();
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    fromStart.add(tp);
                } else {
                    consumer.seek(tp, c.offset());
                }
            }
            consumer.seekToBeginning(fromStart);
        }
        rewindNeeded = false;
    }

    private void discard(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            OpenObject o = open.remove(tp);
            if (o != null) {
                o.builder.close();
            }
        }
    }

    private void discardAll() {
        discard(List.copyOf(open.keySet()));
    }

    private void closeResources() {
        if (!resourcesClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.warn("Archiver: closing the consumer failed: {}", e.toString());
        }
        admin.close(Duration.ofSeconds(5));
        store.close();
        deleteQuietly(spoolDir);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    /** Drops the objects of partitions taken away: their records were not committed, so the next owner reads them. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            discard(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // the consumer starts each partition at its committed offset; a topic may have been created again
            topicIds.clear();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            discard(partitions);
        }
    }
}
