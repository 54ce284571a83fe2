package org.amiconnect.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop against a real broker, with a task whose store keeps records and offsets together: it starts every
 * partition at the offset the task stored, and failures, rebalances and stops neither lose nor repeat a record.
 */
class SinkLoopIT {

    private static final int PARTITIONS = 3;
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final SinkLoopOptions OPTIONS = SinkLoopOptions.of("Test sink", "test-sink", "memory",
            "the stored offsets", Duration.ofMillis(100)).withRetry(Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir
    static Path shared;

    private static EmbeddedKafkaBroker broker;

    private KafkaClients clients;
    private Admin admin;
    private String topic;
    private String group;
    private final MemoryStore store = new MemoryStore();
    private final List<SinkLoop> loops = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(shared.resolve("kafka"), 0, 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() {
        String prefix = "loop" + RUN.incrementAndGet() + ".";
        clients = new KafkaClients(new KafkaSettings(broker.bootstrapServers(), prefix, PARTITIONS, (short) 1, shared,
                0, 0, Map.of(), Map.of()));
        admin = Admin.create(clients.admin("sink-loop-it-admin"));
        topic = prefix + "records";
        group = prefix + "test-sink";
        new TopicProvisioner(admin, (short) 1).ensure(List.of(TopicSpec.deleting(topic, PARTITIONS)));
    }

    @AfterEach
    void tearDown() {
        loops.forEach(SinkLoop::close);
        admin.close();
    }

    /** A task that writes full batches, and batches that are 200 ms old. */
    private MemoryStoreTask task(int batchSize) {
        return new MemoryStoreTask(store, List.of(topic), batchSize, Duration.ofMillis(200));
    }

    /** A task that writes only when it must: before a rebalance or when it is stopped. */
    private MemoryStoreTask holdingTask() {
        return new MemoryStoreTask(store, List.of(topic), Integer.MAX_VALUE, Duration.ofHours(1));
    }

    private SinkLoop start(MemoryStoreTask task) {
        SinkLoop loop = new SinkLoop(OPTIONS, clients.consumer("sink-loop-it", group), task);
        loops.add(loop);
        loop.start();
        return loop;
    }

    /** Appends {@code n} records to every partition. */
    private void publish(int n) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("sink-loop-it"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private TopicPartition partition(int p) {
        return new TopicPartition(topic, p);
    }

    /** Offsets {@code from} to {@code to - 1}, in order. */
    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private Map<TopicPartition, Long> allAt(long next) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            offsets.put(partition(p), next);
        }
        return offsets;
    }

    private Map<TopicPartition, Long> kafkaCommitted() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
        return committed;
    }

    @Test
    void startsEachPartitionAtTheOffsetItsTaskStoredNotAtKafkasCommittedOne() throws Exception {
        publish(10);
        store.storeOffsets(Map.of(partition(0), 4L, partition(1), 10L));
        // Kafka's own offsets for the group disagree: the loop must not use them
        admin.alterConsumerGroupOffsets(group, Map.of(partition(0), new OffsetAndMetadata(8),
                partition(2), new OffsetAndMetadata(6))).all().get(30, TimeUnit.SECONDS);
        MemoryStoreTask task = task(5);

        SinkLoop loop = start(task);

        await().atMost(Duration.ofSeconds(30)).until(() -> store.offsets().equals(allAt(10)));
        Map<Integer, List<Long>> expected = new TreeMap<>();
        expected.put(0, range(4, 10));
        expected.put(2, range(0, 10));
        assertThat(store.written()).as("partition 1 had everything stored; 2 had nothing").isEqualTo(expected);
        assertThat(task.calls("open")).containsExactly("open [0, 1, 2]");
        assertThat(loop.isHealthy()).isTrue();
    }

    @Test
    void aFailedWriteOrPutIsRetriedFromTheStoredOffsetsWithoutLossOrDuplicates() {
        publish(40);
        MemoryStoreTask task = task(7);
        task.failingWrites.set(2);
        task.failOnceAt.add("1:13");

        SinkLoop loop = start(task);

        await().atMost(Duration.ofSeconds(60)).until(() -> store.offsets().equals(allAt(40)));
        Map<Integer, List<Long>> expected = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(p, range(0, 40));
        }
        assertThat(store.written()).as("every record once, in order").isEqualTo(expected);
        assertThat(task.calls("failed")).containsExactly("failed the store is unavailable",
                "failed the store is unavailable", "failed cannot take record 1:13");
        assertThat(task.taken.get()).as("what a failure dropped was read again").isGreaterThan(3 * 40);
        await().atMost(Duration.ofSeconds(10)).until(loop::isHealthy);
    }

    @Test
    void closingWritesWhatTheTaskHolds() throws Exception {
        publish(10);
        MemoryStoreTask task = holdingTask();
        SinkLoop loop = start(task);
        await().atMost(Duration.ofSeconds(30)).until(() -> task.taken.get() == 3 * 10);
        assertThat(store.count()).as("nothing is due yet").isZero();

        loop.close();

        Map<Integer, List<Long>> expected = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(p, range(0, 10));
        }
        assertThat(store.written()).isEqualTo(expected);
        assertThat(store.offsets()).isEqualTo(allAt(10));
        assertThat(kafkaCommitted()).as("the task's copy in Kafka").isEqualTo(allAt(10));
        assertThat(task.calls).containsSubsequence("flush", "stop");
        assertThat(loop.isHealthy()).isFalse();
    }

    @Test
    void aMemberJoiningGetsPartitionsOnlyAfterTheTaskWroteWhatItTookFromThem() {
        publish(10);
        MemoryStoreTask first = holdingTask();
        start(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.taken.get() == 3 * 10);

        MemoryStoreTask second = holdingTask();
        start(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> !second.calls("open").isEmpty()
                && store.offsets().equals(allAt(10)));
        assertThat(first.calls("close")).isNotEmpty();
        publish(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.taken.get() + second.taken.get() == 3 * 20);
        loops.forEach(SinkLoop::close);

        Map<Integer, List<Long>> expected = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(p, range(0, 20));
        }
        assertThat(store.written()).as("every record once, in order").isEqualTo(expected);
        assertThat(store.offsets()).isEqualTo(allAt(20));
    }
}
