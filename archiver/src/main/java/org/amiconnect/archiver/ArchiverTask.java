package org.amiconnect.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.amiconnect.archiver.format.ArchiveFormat;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.archiver.format.ObjectSummary;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.sink.SinkTask;
import org.amiconnect.core.sink.SinkTaskContext;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver's work in its consume loop: one open object per partition, closed by the {@link RotationPolicy}, by
 * idleness or at shutdown; a closed object is stored, and only then is the offset after its last record committed to
 * Kafka, which is where the archiver's offsets are stored.
 *
 * <p>Owns the store, an admin client (for topic ids) and a spool folder, and releases them in {@link #stop()}.
 */
final class ArchiverTask implements SinkTask {

    private static final Logger log = LoggerFactory.getLogger(ArchiverTask.class);

    private final ArchiveStore store;
    private final String group;
    private final List<String> topics;
    private final RotationPolicy rotation;
    private final Duration idleFlush;
    private final CodecFactory codec;
    private final WriterSchemas schemas;
    private final Admin admin;
    private final Path spoolDir;
    private final ArchiverStats stats;

    private volatile Consumer<ArchiveKey> afterStore = key -> { };

    // state of the loop's thread only
    private SinkTaskContext context;
    private final Map<TopicPartition, OpenObject> open = new HashMap<>();
    private final Map<String, Optional<String>> topicIds = new HashMap<>();
    private final ArchiveFormat.Encoder encoder = new ArchiveFormat.Encoder();

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

    /**
     * Creates the spool folder and the admin client.
     *
     * @param store the archive, which the task then owns: closed here when the task cannot be created, else by
     *     {@link #stop()}
     * @throws UncheckedIOException when the spool folder cannot be created
     */
    ArchiverTask(ArchiveSettings settings, ArchiveStore store, KafkaClients clients, String group,
            SchemaRegistry registry, Collection<String> topics, ArchiverStats stats) {
        this.store = Objects.requireNonNull(store, "store");
        this.group = Objects.requireNonNull(group, "group");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.topics = List.copyOf(topics);
        this.rotation = RotationPolicy.of(settings);
        this.idleFlush = settings.idleFlush();
        this.codec = ArchiveFormat.codec(settings.codec());
        this.schemas = new WriterSchemas(registry);
        try {
            this.spoolDir = Files.createTempDirectory("amiconnect-archiver-");
            this.admin = Admin.create(clients.admin("amiconnect-archiver-admin"));
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot create the archiver's spool folder: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Called after each object is stored and before its offset is committed; tests use it to simulate a crash. */
    void afterStore(Consumer<ArchiveKey> hook) {
        this.afterStore = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public void initialize(SinkTaskContext context) {
        this.context = context;
    }

    @Override
    public Collection<String> topics() {
        return topics;
    }

    /** The offsets committed to Kafka: the archiver commits after each stored object. */
    @Override
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
        return context.committed(partitions);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // a topic may have been deleted and created again since its id was looked up
        topicIds.clear();
    }

    @Override
    public void put(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            add(record);
        }
        closeIdle();
    }

    @Override
    public boolean hasPending() {
        return !open.isEmpty();
    }

    /** Stores the objects being filled and commits their offsets. */
    @Override
    public void flush() {
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            closeObject(tp, CloseReason.SHUTDOWN);
        }
    }

    /** Drops the objects of partitions taken away: their records were not committed, so the next owner reads them. */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        discard(partitions);
    }

    @Override
    public void discard() {
        discard(List.copyOf(open.keySet()));
    }

    @Override
    public void failed(String message) {
        stats.failed(message);
    }

    @Override
    public void error(String message) {
        stats.failed(message);
    }

    @Override
    public void stop() {
        discard();
        admin.close(Duration.ofSeconds(5));
        store.close();
        deleteQuietly(spoolDir);
    }

    @Override
    public String toString() {
        return stats.toString();
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
            context.commit(Map.of(tp, summary.lastOffset() + 1));
            context.written();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private void discard(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            OpenObject o = open.remove(tp);
            if (o != null) {
                o.builder.close();
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", path, e.getMessage());
        }
    }
}
