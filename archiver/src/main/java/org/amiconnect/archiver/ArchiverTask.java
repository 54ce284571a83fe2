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
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.amiconnect.archiver.format.ArchiveFormat;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.archiver.format.ObjectSummary;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.core.files.ScratchFolders;
import org.amiconnect.core.sink.SinkTask;
import org.amiconnect.core.sink.SinkTaskContext;
import org.amiconnect.core.sink.StoredOffset;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver's work in its consume loop: one open object per partition, closed by the {@link RotationPolicy}, by
 * idleness or at shutdown; a closed object is stored, and only then is the offset after its last record committed to
 * Kafka (with the topic id as the commit's metadata), which is where the archiver's offsets are stored.
 *
 * <p>Object keys carry the topic's incarnation (its topic id), so the objects of a topic that was deleted and created
 * again never take the keys of the earlier topic's objects; the loop reads such a topic from its beginning.
 *
 * <p>Owns the store and a spool folder ({@link ScratchFolders}: one a killed archiver left is swept when the next one
 * starts), and releases them in {@link #stop()}.
 */
final class ArchiverTask implements SinkTask {

    private static final Logger log = LoggerFactory.getLogger(ArchiverTask.class);
    /** The start of the name of every spool folder: a new archiver sweeps those a killed process left. */
    static final String SPOOL_KIND = "amiconnect-archiver-";

    private final ArchiveStore store;
    private final List<String> topics;
    private final RotationPolicy rotation;
    private final Duration idleFlush;
    /** Per partition, the offset after the last record put into an object; read by other threads. */
    private final Map<TopicPartition, Long> taken = new ConcurrentHashMap<>();
    private final CodecFactory codec;
    private final WriterSchemas schemas;
    private final Path spoolDir;
    private final ArchiverStats stats;

    private volatile Consumer<ArchiveKey> afterStore = key -> { };

    // state of the loop's thread only
    private SinkTaskContext context;
    private final Map<TopicPartition, OpenObject> open = new HashMap<>();
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
     * Creates the spool folder.
     *
     * @param store the archive, which the task then owns: closed here when the task cannot be created, else by
     *     {@link #stop()}
     * @throws UncheckedIOException when the spool folder cannot be created
     */
    ArchiverTask(ArchiveSettings settings, ArchiveStore store, SchemaRegistry registry,
            Collection<String> topics, ArchiverStats stats) {
        this.store = Objects.requireNonNull(store, "store");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.topics = List.copyOf(topics);
        this.rotation = RotationPolicy.of(settings);
        this.idleFlush = settings.idleFlush();
        this.codec = ArchiveFormat.codec(settings.codec());
        this.schemas = new WriterSchemas(registry);
        try {
            this.spoolDir = ScratchFolders.create(SPOOL_KIND, "");
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot create the archiver's spool folder: " + e.getMessage(), e);
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

    /** The offsets committed to Kafka, with the topic id each was committed for. */
    @Override
    public Map<TopicPartition, StoredOffset> storedPositions(Collection<TopicPartition> partitions) {
        return context.committedPositions(partitions);
    }

    @Override
    public void put(ConsumerRecords<byte[], byte[]> records) {
        long now = System.nanoTime();
        // partition by partition: objects are per partition, and what was taken is noted once per partition
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                add(tp, record);
            }
            OpenObject o = open.get(tp);
            if (o != null) {
                o.lastAppendNanos = now;
            }
            taken.merge(tp, batch.get(batch.size() - 1).offset() + 1, Math::max);
        }
        closeIdle();
    }

    /**
     * Whether every record before {@code ends} has been taken into an object (open or stored), so a clean stop stores
     * it. Thread-safe.
     *
     * @param ends per partition, the offset after the last record that must have been taken
     */
    boolean hasTaken(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> e.getValue() <= 0 || taken.getOrDefault(e.getKey(), 0L) >= e.getValue());
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
        store.close();
        try {
            ScratchFolders.delete(spoolDir);
        } catch (IOException e) {
            log.warn("Cannot delete the spool folder {} (a later archiver sweeps it): {}", spoolDir, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return stats.toString();
    }

    private void add(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        WriterSchemas.WriterSchema schema = schemas.of(record.topic(), record.value());
        encoder.encode(record);
        OpenObject o = open.get(tp);
        if (o != null) {
            Optional<CloseReason> reason = o.existingEnd.isPresent()
                    ? (record.offset() > o.existingEnd.getAsLong() ? Optional.of(CloseReason.EXISTING) : Optional.empty())
                    : rotation.closeBefore(o.builder, record.timestamp(), encoder.length());
            if (reason.isPresent()) {
                closeObject(tp, reason.get());
                o = null;
            }
        }
        if (o == null) {
            o = openObject(tp, record);
        }
        o.builder.append(record.offset(), encoder.buffer(), encoder.length(), schema == null ? null : schema.id(),
                schema == null ? null : schema.json());
        Optional<CloseReason> full = o.existingEnd.isPresent()
                ? (record.offset() >= o.existingEnd.getAsLong() ? Optional.of(CloseReason.EXISTING) : Optional.empty())
                : rotation.closeAfter(o.builder);
        if (full.isPresent()) {
            closeObject(tp, full.get());
        }
    }

    private OpenObject openObject(TopicPartition tp, ConsumerRecord<byte[], byte[]> first) {
        Optional<String> topicId = Optional.ofNullable(context.topicId(tp.topic()));
        ArchiveKey key = ArchiveKey.of(tp.topic(), topicId.orElse(null), tp.partition(), first.offset(),
                first.timestamp());
        OptionalLong existingEnd = OptionalLong.empty();
        Optional<ObjectSummary> existing = store.summary(key);
        if (existing.isPresent()) {
            ObjectSummary s = existing.get();
            if (s.topicId().isPresent() && topicId.isPresent() && !s.topicId().equals(topicId)) {
                // two topic ids that share the characters a key keeps: practically impossible, never overwritten
                throw new IllegalStateException("Archive object " + key + " was written from another topic named "
                        + tp.topic() + " (topic id " + s.topicId().get() + "; the topic now has id " + topicId.get()
                        + ") whose id starts the same, so it is not overwritten; nothing is committed, and the "
                        + "records stay in Kafka. Move the object elsewhere in the archive and restart the archiver.");
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
        o.lastAppendNanos = System.nanoTime();
        open.put(tp, o);
        return o;
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
        Path file = spoolDir.resolve(key.topic() + "+" + key.partition() + "+" + key.firstOffset() + "+"
                + key.incarnation() + ".avro");
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
            taken.remove(tp); // not stored: whoever reads the partition next takes these records again
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
