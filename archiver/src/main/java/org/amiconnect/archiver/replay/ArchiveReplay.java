package org.amiconnect.archiver.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectReader;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.archiver.format.CorruptArchiveObjectException;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStore.StoredObject;
import org.amiconnect.archiver.store.ArchiveStoreException;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-publishes archived records: each to the partition it was archived from (of the same topic or another one), in
 * offset order, with its key, value bytes and headers; its archived timestamp goes into the
 * {@link OriginalTimestamp#HEADER} header and the Kafka timestamp is the replay's (see
 * {@link #toProducerRecord}).
 *
 * <p>Each object is read whole before any of its records is sent, so an object that is corrupt or truncated is
 * reported by its key and skipped without publishing part of it; the other objects still replay. Offsets already
 * published from an earlier object of the same partition are skipped, so overlapping objects do not double records.
 */
public final class ArchiveReplay {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReplay.class);

    private final ArchiveStore store;

    public ArchiveReplay(ArchiveStore store) {
        this.store = store;
    }

    /**
     * The objects that may hold records of the request, in partition order, then topic incarnation order (objects
     * without an incarnation first, then each incarnation by its earliest ingest date), then offset order. Offsets
     * start at 0 again in every incarnation of a topic (it was deleted and created again), so they are only ordered
     * within one.
     */
    public List<StoredObject> select(ReplayRequest request) {
        List<StoredObject> out = new ArrayList<>();
        Map<String, LocalDate> incarnationStart = new HashMap<>();
        for (StoredObject o : store.list(ArchiveKey.topicPrefix(request.topic()))) {
            ArchiveKey key = ArchiveKey.parse(o.key());
            if (key.topic().equals(request.topic()) && request.mayHold(key.date())) {
                out.add(o);
                if (key.incarnation() != null) {
                    incarnationStart.merge(key.incarnation(), key.date(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        Comparator<ArchiveKey> order = Comparator.comparingInt(ArchiveKey::partition)
                .thenComparing(k -> k.incarnation() == null ? LocalDate.MIN : incarnationStart.get(k.incarnation()))
                .thenComparing(ArchiveKey::incarnation, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Comparator.naturalOrder());
        out.sort(Comparator.comparing(o -> ArchiveKey.parse(o.key()), order));
        return out;
    }

    /** Reads every selected object and reports what a replay would publish; publishes and registers nothing. */
    public ReplayReport dryRun(ReplayRequest request, KafkaClients clients, SchemaRegistry registry,
            ReplayListener listener) {
        return run(request, clients, registry, listener, false);
    }

    /**
     * Publishes the selected records.
     *
     * @throws IllegalStateException when the target topic has too few partitions, or publishing fails (the message
     *     names the object being published)
     */
    public ReplayReport execute(ReplayRequest request, KafkaClients clients, SchemaRegistry registry,
            ReplayListener listener) {
        return run(request, clients, registry, listener, true);
    }

    private ReplayReport run(ReplayRequest request, KafkaClients clients, SchemaRegistry registry,
            ReplayListener listener, boolean execute) {
        String target = request.targetTopic();
        List<StoredObject> objects = select(request);
        int highest = objects.stream().mapToInt(o -> ArchiveKey.parse(o.key()).partition()).max().orElse(-1);
        boolean create = prepareTarget(clients, target, highest, execute);
        ValueSchemas schemas = new ValueSchemas(registry, target, execute);
        long bytesTotal = objects.stream().mapToLong(StoredObject::size).sum();

        Map<Integer, PartitionTotals> partitions = new TreeMap<>();
        // per partition and topic incarnation: objects of one incarnation may overlap (an object rebuilt after a crash)
        Map<List<Object>, Long> lastOffsets = new HashMap<>();
        List<ReplayReport.Problem> problems = new ArrayList<>();
        long skipped = 0;
        long overlapping = 0;
        long bytesDone = 0;
        int done = 0;
        try (KafkaProducer<byte[], byte[]> producer = execute ? producer(clients) : null) {
            for (StoredObject object : objects) {
                done++;
                bytesDone += object.size();
                List<ArchivedRecord> records;
                Map<Integer, Schema> archivedSchemas;
                try (ArchiveObjectReader reader = ArchiveObjectReader.open(object.key(), store.open(object.key()))) {
                    records = reader.readAll();
                    archivedSchemas = reader.schemas();
                } catch (CorruptArchiveObjectException | ArchiveStoreException e) {
                    log.error("{}; replaying the other objects", e.getMessage());
                    problems.add(new ReplayReport.Problem(object.key(), e.getMessage()));
                    listener.objectFailed(object.key(), e.getMessage());
                    continue;
                }
                String incarnation = ArchiveKey.parse(object.key()).incarnation();
                AtomicReference<Exception> sendError = new AtomicReference<>();
                long sent = 0;
                for (ArchivedRecord r : records) {
                    if (!request.inRange(r.timestamp()) || !orgMatches(request.org(), r)) {
                        skipped++;
                        continue;
                    }
                    List<Object> position = Arrays.asList(r.partition(), incarnation);
                    if (r.offset() <= lastOffsets.getOrDefault(position, -1L)) {
                        overlapping++;
                        continue;
                    }
                    byte[] value = schemas.value(r.value(), archivedSchemas, object.key());
                    if (execute) {
                        producer.send(toProducerRecord(target, r, value), (metadata, e) -> {
                            if (e != null) {
                                sendError.compareAndSet(null, e);
                            }
                        });
                    }
                    lastOffsets.put(position, r.offset());
                    partitions.computeIfAbsent(r.partition(), PartitionTotals::new).add(r);
                    sent++;
                }
                if (execute) {
                    producer.flush();
                    if (sendError.get() != null) {
                        throw new IllegalStateException("Publishing the records of archive object " + object.key()
                                + " to " + target + " failed: " + sendError.get().getMessage(), sendError.get());
                    }
                }
                listener.objectDone(object.key(), sent, done, objects.size(), bytesDone, bytesTotal);
            }
        }
        TreeMap<Integer, ReplayReport.PartitionReplay> byPartition = new TreeMap<>();
        partitions.forEach((p, t) -> byPartition.put(p, t.report()));
        return new ReplayReport(execute, target, objects.size(), byPartition, skipped, overlapping,
                Map.copyOf(schemas.registered()), List.copyOf(problems), create);
    }

    /**
     * Checks that the target topic can take every archived partition, creating it when missing (only when executing).
     *
     * @return whether the topic is missing (and was, or would be, created)
     */
    private static boolean prepareTarget(KafkaClients clients, String target, int highestPartition, boolean execute) {
        try (Admin admin = Admin.create(clients.admin("amiconnect-replay"))) {
            OptionalInt partitions = partitions(admin, target);
            if (partitions.isPresent()) {
                if (partitions.getAsInt() <= highestPartition) {
                    throw new IllegalStateException("Topic " + target + " has " + partitions.getAsInt()
                            + " partitions but the archive holds records of partition " + highestPartition
                            + "; records go back to their own partition, so add partitions to " + target
                            + " (at least " + (highestPartition + 1) + ") first");
                }
                return false;
            }
            if (execute && highestPartition >= 0) {
                NewTopic topic = new NewTopic(target, Optional.of(highestPartition + 1), Optional.empty());
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                log.info("Created topic {} with {} partitions for the replay", target, highestPartition + 1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic " + target, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Cannot prepare topic " + target + " for the replay: " + cause.getMessage(),
                    cause);
        }
    }

    private static OptionalInt partitions(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            return OptionalInt.of(d.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaClients clients) {
        Map<String, Object> props = clients.producer("amiconnect-replay");
        // idempotence keeps each partition's order even with several batches in flight
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, clients.settings().compressionType());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The record to publish: the archived key, value and headers, with the time of the replay as its Kafka timestamp
     * and its archived timestamp in the {@link OriginalTimestamp#HEADER} header (kept as it is when a record
     * replayed before already has one). Published with its old timestamp, a record older than the topic's
     * {@code retention.ms} would be deleted at the broker's next retention check, before anyone read it.
     */
    static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, ArchivedRecord r, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        for (ArchivedRecord.Header h : r.headers()) {
            headers.add(h.key(), h.value());
        }
        if (r.timestamp() >= 0) {
            OriginalTimestamp.addIfAbsent(headers, r.timestamp());
        }
        return new ProducerRecord<>(topic, r.partition(), null, r.key(), value, headers);
    }

    private static boolean orgMatches(Optional<String> org, ArchivedRecord r) {
        if (org.isEmpty()) {
            return true;
        }
        return r.key() != null && RecordKeys.orgOf(new String(r.key(), StandardCharsets.UTF_8)).equals(org.get());
    }

    /** Counts and ranges of one partition's published records. */
    private static final class PartitionTotals {
        private final int partition;
        private long records;
        private long firstOffset = -1;
        private long lastOffset = -1;
        private long firstTime = Long.MAX_VALUE;
        private long lastTime = Long.MIN_VALUE;

        PartitionTotals(int partition) {
            this.partition = partition;
        }

        void add(ArchivedRecord r) {
            if (records++ == 0) {
                firstOffset = r.offset();
            }
            lastOffset = r.offset();
            firstTime = Math.min(firstTime, r.timestamp());
            lastTime = Math.max(lastTime, r.timestamp());
        }

        ReplayReport.PartitionReplay report() {
            return new ReplayReport.PartitionReplay(partition, records, firstOffset, lastOffset,
                    Instant.ofEpochMilli(firstTime), Instant.ofEpochMilli(lastTime));
        }
    }
}
