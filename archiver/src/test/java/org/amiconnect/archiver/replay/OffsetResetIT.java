package org.amiconnect.archiver.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.archiver.ArchiveTopics;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resetting a consumer group's offsets, in Kafka and in the loader's warehouse. */
class OffsetResetIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Duration SPACING = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private String topic;
    private String group;
    private Topics topics;
    private KafkaClients clients;
    private ArchiveTopics kafka;

    @BeforeEach
    void setUp() {
        String prefix = "reset" + RUN.incrementAndGet() + ".";
        topics = new Topics(prefix);
        topic = topics.raw("beacon360", "meter-read");
        group = prefix + "amiconnect-loader.local";
        clients = SharedBroker.clients(prefix, 2);
        kafka = new ArchiveTopics(clients, new InMemorySchemaRegistry());
        kafka.create(topic, 2);
        kafka.publish(topic, TestRecords.ORG, 0, 300, SPACING);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(clients.consumer("it-group-member", group), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Consumes everything as a member of the group and commits; returns the timestamps read per partition. */
    private Map<Integer, List<Long>> consumeAndCommit() {
        Map<Integer, List<Long>> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.timestamp());
                    idleSince = System.nanoTime();
                }
                consumer.commitSync();
            }
        }
        return seen;
    }

    private Map<TopicPartition, Long> committed() {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            return GroupOffsets.committed(admin, group);
        }
    }

    @Test
    void aGroupResetToADatetimeReadsAgainFromTheFirstRecordAtThatTime() throws Exception {
        assertThat(consumeAndCommit().values().stream().mapToInt(List::size).sum()).isEqualTo(300);
        Instant at = TestRecords.T0.plus(SPACING.multipliedBy(200));

        try (OffsetReset reset = new OffsetReset(clients)) {
            OffsetResetPlan plan = reset.plan(group, new ResetTarget.ToDatetime(at), List.of(), Optional.empty());
            assertThat(plan.partitions()).hasSize(2).allSatisfy(p -> {
                assertThat(p.committed()).isPresent();
                assertThat(p.committed().getAsLong()).isEqualTo(p.latest());
                assertThat(p.target()).isBetween(p.earliest(), p.latest());
            });
            assertThat(committed()).as("a plan changes nothing").isEqualTo(Map.of(
                    new TopicPartition(topic, 0), plan.partitions().get(0).latest(),
                    new TopicPartition(topic, 1), plan.partitions().get(1).latest()));
            reset.execute(plan, Optional.empty());
        }

        Map<Integer, List<Long>> again = consumeAndCommit();
        assertThat(again.values().stream().flatMap(List::stream))
                .as("exactly the records at or after the time").hasSize(100)
                .allMatch(ts -> ts >= at.toEpochMilli());
    }

    @Test
    void toEarliestAndToOffsetStayWithinWhatThePartitionHolds() throws Exception {
        consumeAndCommit();
        try (OffsetReset reset = new OffsetReset(clients)) {
            OffsetResetPlan earliest = reset.plan(group, new ResetTarget.ToEarliest(), List.of(topic), Optional.empty());
            OffsetResetPlan beyond = reset.plan(group, new ResetTarget.ToOffset(1_000_000), List.of(topic),
                    Optional.empty());

            assertThat(earliest.partitions()).allMatch(p -> p.target() == p.earliest() && p.earliest() == 0);
            assertThat(beyond.partitions()).allMatch(p -> p.target() == p.latest());
        }
    }

    @Test
    void refusesWhileTheGroupHasActiveMembers() throws Exception {
        try (KafkaConsumer<byte[], byte[]> member = consumer(); OffsetReset reset = new OffsetReset(clients)) {
            member.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
                member.poll(Duration.ofMillis(100));
            }
            member.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5)));

            OffsetResetPlan plan = reset.plan(group, new ResetTarget.ToEarliest(), List.of(), Optional.empty());

            assertThat(plan.activeMembers()).singleElement().asString().startsWith("it-group-member (");
            assertThatThrownBy(() -> reset.execute(plan, Optional.empty())).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Consumer group " + group + " has 1 active member(s): it-group-member (")
                    .hasMessageEndingWith("; stop them before resetting its offsets");
            assertThat(committed()).isEqualTo(Map.of(new TopicPartition(topic, 0), 5L));
        }
    }

    @Test
    void aGroupWithoutOffsetsNeedsTheTopicsNamed() {
        try (OffsetReset reset = new OffsetReset(clients)) {
            assertThatThrownBy(() -> reset.plan("nobody", new ResetTarget.ToEarliest(), List.of(), Optional.empty()))
                    .hasMessage("Consumer group nobody has no committed offsets; name the topics to reset with --topic");
            assertThatThrownBy(() -> reset.plan("nobody", new ResetTarget.ToEarliest(), List.of("no-such-topic"),
                    Optional.empty())).hasMessageContaining("does not exist");
        }
    }

    @Test
    void offsetsKeptOutsideKafkaAreRewoundTooAndFirst() throws Exception {
        consumeAndCommit();
        Path file = dir.resolve("warehouse.duckdb");
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (DuckDbOffsetsTable table = new DuckDbOffsetsTable(file)) {
            // like a loader whose last batch had nothing of partition 1
            table.store(group, Map.of(p0, committed().get(p0)));
        }
        Instant at = TestRecords.T0.plus(SPACING.multipliedBy(250));

        OffsetResetPlan plan;
        try (OffsetReset reset = new OffsetReset(clients); DuckDbOffsetsTable table = new DuckDbOffsetsTable(file)) {
            plan = reset.plan(group, new ResetTarget.ToDatetime(at), List.of(), Optional.of(table));
            assertThat(plan.warehouse()).contains("duckdb " + file);
            assertThat(plan.partitions().get(0).stored()).isEqualTo(plan.partitions().get(0).committed());
            assertThat(plan.partitions().get(1).stored()).isEqualTo(OptionalLong.empty());
            reset.execute(plan, Optional.of(table));
        }

        try (DuckDbOffsetsTable table = new DuckDbOffsetsTable(file)) {
            assertThat(table.stored(group)).isEqualTo(plan.targets());
        }
        assertThat(committed()).isEqualTo(plan.targets());
        assertThat(plan.partitions()).allMatch(p -> p.target() > p.earliest() && p.target() < p.latest());
    }
}
