package org.amiconnect.transformer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The synthetic join vendor's sub-topology in a TopologyTestDriver whose wall clock the test moves. */
final class SyntheticJoinDriver implements AutoCloseable {

    static final String ORG = "synth_org";
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final Instant START = Instant.parse("2024-11-05T00:00:00Z");

    final Topics topics = new Topics("");
    final TransformerMetrics metrics = new TransformerMetrics();
    final TopologyTestDriver driver;
    private final Map<RawEntity, TestInputTopic<String, SyntheticRaw>> inputs = new HashMap<>();
    final TestOutputTopic<String, GeneralMeter> meters;
    final TestOutputTopic<String, GeneralMeterRead> reads;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    SyntheticJoinDriver(Duration metadataGrace, AfterGrace afterGrace, Duration halvesGrace) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topology topology = new Topology();
        TransformerTopology.addVendor(topology, SyntheticJoinVendor.VENDOR,
                SyntheticJoinVendor.plan(metadataGrace, afterGrace, halvesGrace),
                Map.of(ORG, SyntheticJoinVendor.normalizer(LA)), topics, registry, metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "synthetic-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, START);
        for (RawEntity e : List.of(SyntheticJoinVendor.METERS, SyntheticJoinVendor.ACCOUNTS,
                SyntheticJoinVendor.REGISTERS, SyntheticJoinVendor.INTERVALS)) {
            inputs.put(e, driver.createInputTopic(topics.raw(e), new StringSerializer(), new AvroSerializer<>(registry)));
        }
        meters = driver.createOutputTopic(topics.meters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeter.class));
        reads = driver.createOutputTopic(topics.meterReads(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeterRead.class));
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, DeadLetter.class));
    }

    /** Pipes a raw record to its entity's topic, keyed org|device as the vendor contract says. */
    void pipe(SyntheticRaw raw) {
        inputs.get(SyntheticJoinVendor.entityOf(raw)).pipeInput(RecordKeys.of(ORG, raw.text("device_id")), raw);
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    @Override
    public void close() {
        driver.close();
    }
}
