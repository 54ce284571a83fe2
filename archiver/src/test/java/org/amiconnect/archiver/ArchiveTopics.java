package org.amiconnect.archiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.kafka.RetentionCheck;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Creating, filling, reading back and deleting raw topics in integration tests. */
public final class ArchiveTopics {

    /** A record as a consumer sees it, with bytes as text so that lists compare by content. */
    public record Seen(int partition, long offset, String key, String value, List<String> headers, long timestamp) {

        /** The same record, wherever it sits: for comparing a replay with the original. */
        public Seen content() {
            return new Seen(partition, -1, key, value, headers, timestamp);
        }

        /**
         * A replayed record as it was archived: with the timestamp its {@code ami.original-timestamp} header holds,
         * and without that header, which the replay added.
         */
        public Seen asArchived() {
            String stamp = OriginalTimestamp.HEADER + "=";
            List<String> archived = headers.stream().filter(h -> !h.startsWith(stamp)).toList();
            long original = headers.stream().filter(h -> h.startsWith(stamp))
                    .mapToLong(h -> Long.parseLong(h.substring(stamp.length()))).reduce((a, b) -> b).orElse(timestamp);
            return new Seen(partition, offset, key, value, archived, original);
        }
    }

    private final KafkaClients clients;
    private final SchemaRegistry registry;

    public ArchiveTopics(KafkaClients clients, SchemaRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    /**
     * Topics of one test on the shared broker, under a topic prefix of its own ({@code <name><n>.}), with the raw
     * Beacon 360 reads topic created with {@code partitions} partitions.
     */
    public static ArchiveTopics onSharedBroker(String name, int partitions, SchemaRegistry registry) {
        String prefix = SharedBroker.uniquePrefix(name);
        ArchiveTopics topics = new ArchiveTopics(SharedBroker.clients(prefix, partitions), registry);
        topics.create(topics.rawReads(), partitions);
        return topics;
    }

    /** The clients, under this test's topic prefix. */
    public KafkaClients clients() {
        return clients;
    }

    /** The topic prefix without its dot, e.g. {@code replay3}: also the archive prefix of the test. */
    public String prefix() {
        return clients.settings().topicPrefix().replaceAll("\\.$", "");
    }

    /** The raw Beacon 360 reads topic under this test's prefix. */
    public String rawReads() {
        return new Topics(clients.settings().topicPrefix()).raw("beacon360", "meter-read");
    }

    /** Creates a topic that keeps its records whatever their timestamps (test records carry 2025 ones). */
    public void create(String topic, int partitions) {
        RetentionCheck.createKeepingEverything(clients, topic, partitions);
    }

    /** Returns once the broker has run a retention check after this call ({@link RetentionCheck#await}). */
    public void awaitRetentionCheck() throws Exception {
        RetentionCheck.await(clients);
    }

    public void delete(String topic) throws Exception {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " was not deleted");
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Publishes Beacon 360 reads as the extractor does: one transaction per 100 rows, keyed by org and endpoint, with
     * the run headers; row {@code r} has timestamp {@code T0 + r * spacing}.
     */
    public void publish(String topic, String org, long fromRow, long rows, Duration spacing) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long row = fromRow; row < fromRow + rows; row++) {
            String endpoint = "ep-" + (row % 40);
            records.add(new ProducerRecord<>(topic, null, TestRecords.T0.toEpochMilli() + row * spacing.toMillis(),
                    TestRecords.key(org, endpoint),
                    TestRecords.value(registry, topic, TestRecords.beaconReadOfRow(org, endpoint, row)),
                    TestRecords.runHeaders(org, row)));
        }
        TransactionalPublisher.publishBytes(clients, records, 100);
        awaitVisible(topic);
    }

    /**
     * Waits until every record in the topic's log is visible to {@code read_committed} consumers: a transaction's
     * commit returns before its markers are written, and until then the records are invisible, so a lag check right
     * after publishing would see nothing left to read.
     */
    public void awaitVisible(String topic) {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!ends(admin, latest, IsolationLevel.READ_COMMITTED)
                    .equals(ends(admin, latest, IsolationLevel.READ_UNCOMMITTED))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the records of " + topic + " are not visible after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("waiting for the records of " + topic + " to be visible failed", e);
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Map<TopicPartition, OffsetSpec> latest,
            IsolationLevel isolation) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    public boolean exists(String topic) throws Exception {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }

    /** Every committed record of a topic, by partition, in offset order. */
    public Map<Integer, List<Seen>> readAll(String topic) {
        Map<Integer, List<Seen>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : new TopicReader(clients).readAll(topic)) {
            out.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(seen(r));
        }
        return out;
    }

    /** The offsets of every committed record, by partition. */
    public static Map<Integer, Set<Long>> offsets(Map<Integer, List<Seen>> records) {
        Map<Integer, Set<Long>> out = new TreeMap<>();
        records.forEach((p, list) -> out.put(p, new TreeSet<>(list.stream().map(Seen::offset).toList())));
        return out;
    }

    private static Seen seen(ConsumerRecord<byte[], byte[]> r) {
        List<String> headers = new ArrayList<>();
        r.headers().forEach(h -> headers.add(h.key() + "="
                + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8))));
        return new Seen(r.partition(), r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? null : Base64.getEncoder().encodeToString(r.value()), headers, r.timestamp());
    }
}
