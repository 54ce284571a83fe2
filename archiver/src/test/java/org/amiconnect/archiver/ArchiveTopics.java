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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.TopicSpec;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Creating, filling, reading back and deleting raw topics in integration tests. */
public final class ArchiveTopics {

    /** A record as a consumer sees it, with bytes as text so that lists compare by content. */
    public record Seen(int partition, long offset, String key, String value, List<String> headers, long timestamp) {

        /** The same record, wherever it sits: for comparing a replay with the original. */
        public Seen content() {
            return new Seen(partition, -1, key, value, headers, timestamp);
        }
    }

    private final KafkaClients clients;
    private final SchemaRegistry registry;

    public ArchiveTopics(KafkaClients clients, SchemaRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    public void create(String topic, int partitions) {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(TopicSpec.deleting(topic, partitions)));
        }
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
        Map<String, Object> props = clients.transactionalProducer("it-producer", "it-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            for (long start = fromRow; start < fromRow + rows; start += 100) {
                producer.beginTransaction();
                for (long row = start; row < Math.min(start + 100, fromRow + rows); row++) {
                    String endpoint = "ep-" + (row % 40);
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("ami.run-id", ("run-" + (row / 100)).getBytes(StandardCharsets.UTF_8));
                    headers.add("ami.org-id", org.getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topic, null, TestRecords.T0.toEpochMilli() + row
                            * spacing.toMillis(), TestRecords.key(org, endpoint),
                            TestRecords.value(registry, topic, TestRecords.read(org, endpoint, row)), headers));
                }
                producer.commitTransaction();
            }
        }
    }

    public boolean exists(String topic) throws Exception {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }

    /** Every committed record of a topic, by partition, in offset order. */
    public Map<Integer, List<Seen>> readAll(String topic) {
        Map<String, Object> props = clients.consumer("it-reader", null);
        Map<Integer, List<Seen>> out = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (remaining.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach " + ends);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(seen(r));
                }
            }
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
