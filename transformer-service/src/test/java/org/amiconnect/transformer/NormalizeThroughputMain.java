package org.amiconnect.transformer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Normalize throughput of a vendor sub-topology in a TopologyTestDriver (one thread, RocksDB stores, no broker): Beacon
 * 360 whole rows, and the synthetic join vendor (meters, dated accounts, register and interval halves, reads arriving
 * before their metadata). Input is serialized beforehand; output is left in the driver. A timing to print, not a test:
 * see docs/transformer.md (Throughput) for the command.
 */
public final class NormalizeThroughputMain {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int DEVICES = 1_000;
    private static final int HOURS = 100;

    private NormalizeThroughputMain() {
    }

    public static void main(String[] args) {
        for (int round = 1; round <= 3; round++) {
            report("beacon360 (whole rows)", beacon());
            report("synthetic (joins + halves)", synthetic());
        }
    }

    private record Result(long rawRecords, long reads, long nanos) {
    }

    private static void report(String name, Result r) {
        double s = r.nanos / 1e9;
        System.out.printf("%-28s %,9d raw records -> %,9d reads in %5.2f s: %,9.0f reads/s, %,9.0f raw records/s%n",
                name, r.rawRecords, r.reads, s, r.reads / s, r.rawRecords / s);
    }

    private static Properties props(String id) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/amiconnect-bench-" + id
                + "-" + System.nanoTime());
        return props;
    }

    private static Result beacon() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topics topics = new Topics("");
        TransformerMetrics metrics = new TransformerMetrics();
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, TestRecords.ORG, ZoneId.of("America/Los_Angeles"),
                List.of(), new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL, Secret.of("u"), Secret.of("p"),
                Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)), List.of(),
                java.util.Optional.empty(), java.util.Optional.empty());
        Topology topology = TransformerTopology.build(List.of(source), AdapterCatalog.load(), topics, registry, metrics);
        String topic = topics.raw(Beacon360Adapter.METER_READ);
        List<byte[][]> input = new ArrayList<>();
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
        LocalDateTime t0 = LocalDateTime.parse("2024-08-01T00:00");
        for (int h = 0; h < HOURS; h++) {
            for (int d = 0; d < DEVICES; d++) {
                String device = "d" + d;
                input.add(new byte[][] {RecordKeys.of(TestRecords.ORG, device).getBytes(),
                        values.serialize(topic, TestRecords.beaconRead(TestRecords.ORG, device,
                                t0.plusHours(h).format(LOCAL), String.valueOf(100 + h), h))});
            }
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("bench-beacon"))) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(topic, new ByteArraySerializer(),
                    new ByteArraySerializer());
            long start = System.nanoTime();
            for (byte[][] kv : input) {
                in.pipeInput(kv[0], kv[1]);
            }
            return new Result(metrics.rawRecords(), metrics.reads(), System.nanoTime() - start);
        }
    }

    private static Result synthetic() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topics topics = new Topics("");
        TransformerMetrics metrics = new TransformerMetrics();
        Topology topology = new Topology();
        String org = SyntheticJoinDriver.ORG;
        TransformerTopology.addVendor(topology, SyntheticJoinVendor.VENDOR, SyntheticJoinVendor.plan(Duration.ofHours(1),
                AfterGrace.EMIT_WITHOUT_METADATA, Duration.ofHours(1)),
                Map.of(org, SyntheticJoinVendor.normalizer(SyntheticJoinDriver.LA)), topics, registry, metrics);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
        List<Object[]> input = new ArrayList<>();
        LocalDateTime t0 = LocalDateTime.parse("2024-08-01T00:00");
        for (int d = 0; d < DEVICES; d++) {
            String device = "d" + d;
            // a tenth of the devices' first reads come before their metadata
            int metadataAt = d % 10 == 0 ? 5 : 0;
            for (int h = 0; h < HOURS; h++) {
                if (h == metadataAt) {
                    add(input, topics, values, SyntheticJoinVendor.meter(org, device, "5/8\""));
                    add(input, topics, values, SyntheticJoinVendor.account(org, device, "A" + d, "L" + d,
                            "2024-01-01 00:00"));
                }
                String at = t0.plusHours(h).format(LOCAL);
                add(input, topics, values, SyntheticJoinVendor.interval(org, device, at, "1", "GAL"));
                add(input, topics, values, SyntheticJoinVendor.register(org, device, at, String.valueOf(100 + h), "CCF"));
            }
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("bench-synthetic"),
                Instant.parse("2024-11-05T00:00:00Z"))) {
            Map<String, TestInputTopic<byte[], byte[]>> in = new java.util.HashMap<>();
            for (RawEntity e : List.of(SyntheticJoinVendor.METERS, SyntheticJoinVendor.ACCOUNTS,
                    SyntheticJoinVendor.REGISTERS, SyntheticJoinVendor.INTERVALS)) {
                in.put(topics.raw(e), driver.createInputTopic(topics.raw(e), new ByteArraySerializer(),
                        new ByteArraySerializer()));
            }
            long start = System.nanoTime();
            for (Object[] r : input) {
                in.get((String) r[0]).pipeInput((byte[]) r[1], (byte[]) r[2]);
            }
            return new Result(metrics.rawRecords(), metrics.reads(), System.nanoTime() - start);
        }
    }

    private static void add(List<Object[]> input, Topics topics, AvroSerializer<SpecificRecord> values,
            SyntheticRaw raw) {
        String topic = topics.raw(SyntheticJoinVendor.entityOf(raw));
        input.add(new Object[] {topic, RecordKeys.of(SyntheticJoinDriver.ORG, raw.text("device_id")).getBytes(),
                values.serialize(topic, raw)});
    }
}
