package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.EmbeddedKafkaBroker;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.core.topics.TopicSpec;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extract runs against a real broker and the Beacon 360 simulator: published atomically, or not at all. */
class ExtractorServiceIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T07:00:00Z");

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static KafkaClients clients;
    static final Topics topics = new Topics("it.");
    static final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        clients = new KafkaClients(new KafkaSettings(broker.bootstrapServers(), "it.", 2, (short) 1, dir, 0, 0,
                Map.of(), Map.of()));
        try (Admin admin = Admin.create(clients.admin("it"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(
                    TopicSpec.deleting(topics.raw(Beacon360Adapter.METER_READ), 2),
                    TopicSpec.compacted(topics.extractRuns(), 2)));
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aSuccessfulRunPublishesEveryRowAndItsFinalStateTogether() throws Exception {
        try (Beacon360Simulator beacon = simulator(Beacon360SimulatorOptions.defaults().withUtility(3, 40, LA));
                ExtractorService extractor = new ExtractorService(clients, topics, registry, AdapterCatalog.load(),
                        Clock.systemUTC())) {
            ExtractRun run = extractor.execute(new ExtractPlan(source("good_org", beacon), "manual", START, END,
                    Optional.of("req-1")));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(run.getRecordsPublished()).containsEntry(topics.raw(Beacon360Adapter.METER_READ), 40L * 24);
            List<Beacon360MeterRead> raw = rawRecordsOf(run.getRunId());
            assertThat(raw).hasSize(40 * 24);
            assertThat(raw).allSatisfy(r -> assertThat(r.getExtract().getOrgId()).isEqualTo("good_org"));
            Map<String, ExtractRun> states = runStates();
            assertThat(states.get(run.getRunId()).getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(states.get(run.getRunId()).getRequestId()).isEqualTo("req-1");
        }
    }

    @Test
    void aFailedRunPublishesNoRawRecordsAndSaysWhy() throws Exception {
        try (Beacon360Simulator beacon = simulator(Beacon360SimulatorOptions.defaults().withUtility(3, 40, LA)
                        .withFailReportWith("Export failed: database timeout"));
                ExtractorService extractor = new ExtractorService(clients, topics, registry, AdapterCatalog.load(),
                        Clock.systemUTC())) {
            ExtractRun run = extractor.execute(new ExtractPlan(source("failing_org", beacon), "manual", START, END,
                    Optional.empty()));

            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getError()).contains("failing_org", "Export failed: database timeout");
            assertThat(rawRecordsOf(run.getRunId())).isEmpty();
            assertThat(runStates().get(run.getRunId()).getState()).isEqualTo(ExtractRunState.FAILED);
        }
    }

    private static Beacon360Simulator simulator(Beacon360SimulatorOptions options) {
        return Beacon360Simulator.start(options.withCredentials("u", "p").withPollsBeforeDone(1)
                .withClock(Clock.fixed(END.plus(Duration.ofDays(1)), LA)));
    }

    private static SourceConfig source(String org, Beacon360Simulator beacon) {
        Beacon360Settings settings = new Beacon360Settings(beacon.baseUrl(), Secret.of("u"), Secret.of("p"),
                Duration.ofMillis(20), 50, 2, Duration.ofMillis(50), Duration.ofSeconds(30));
        return new SourceConfig(Beacon360Adapter.TYPE, org, LA, List.of(), settings, List.of(), Optional.empty(),
                Optional.of(beacon.baseUrl()));
    }

    /** Raw records of one run as a read_committed consumer sees them. */
    private static List<Beacon360MeterRead> rawRecordsOf(String runId) {
        AvroDeserializer<Beacon360MeterRead> values = new AvroDeserializer<>(registry, Beacon360MeterRead.class);
        List<Beacon360MeterRead> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.raw(Beacon360Adapter.METER_READ))) {
            Beacon360MeterRead raw = values.deserialize(r.topic(), r.value());
            if (raw.getExtract().getRunId().equals(runId)) {
                out.add(raw);
            }
        }
        return out;
    }

    private static Map<String, ExtractRun> runStates() {
        AvroDeserializer<ExtractRun> values = new AvroDeserializer<>(registry, ExtractRun.class);
        Map<String, ExtractRun> states = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.extractRuns())) {
            states.put(r.key(), values.deserialize(r.topic(), r.value()));
        }
        return states;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clients.consumer("it-reader", null),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
