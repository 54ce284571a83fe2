package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.amiconnect.adapters.xylemdatalake.XylemDatalakeAdapter;
import org.amiconnect.adapters.xylemdatalake.XylemDatalakeSettings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Xylem Data Lake's sub-topology without a broker: accounts are joined with interval and register halves, which
 * leave as one read in cubic feet at a UTC flowtime; reads of meters without a water account become dead letters.
 */
class XylemDatalakeSubTopologyTest {

    private static final String ORG = "lake_org";
    private static final String METER = "74931234";
    private static final String KEY = ORG + "|" + METER;

    private final Topics topics = new Topics("");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> accounts;
    private TestInputTopic<String, SpecificRecord> intervals;
    private TestInputTopic<String, SpecificRecord> registers;
    private TestOutputTopic<String, GeneralMeter> meters;
    private TestOutputTopic<String, GeneralMeterRead> reads;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        XylemDatalakeSettings settings = new XylemDatalakeSettings("hlsbo", 2, "client",
                XylemDatalakeSettings.DEFAULT_AUTH_URL, XylemDatalakeSettings.datalakeOf("hlsbo"),
                XylemDatalakeSettings.supersetOf("hlsbo"), Secret.of("u"), Secret.of("p"), Duration.ofHours(12), Duration.ZERO, 1, Duration.ofSeconds(1), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        SourceConfig source = new SourceConfig(XylemDatalakeAdapter.TYPE, ORG, ZoneId.of("America/Los_Angeles"),
                List.of(), settings, List.of(), Optional.empty(), Optional.empty());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "transformer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(TransformerTopology.build(List.of(source), AdapterCatalog.load(), topics,
                registry, new TransformerMetrics()), props);
        accounts = input(topics.raw(XylemDatalakeAdapter.ACCOUNT));
        intervals = input(topics.raw(XylemDatalakeAdapter.WATER_INTERVAL));
        registers = input(topics.raw(XylemDatalakeAdapter.WATER_REGISTER));
        meters = driver.createOutputTopic(topics.meters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeter.class));
        reads = driver.createOutputTopic(topics.meterReads(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeterRead.class));
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, DeadLetter.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anAccountAndBothHalvesLeaveAsOneReadWithItsAccountInCubicFeetAndUtc() {
        accounts.pipeInput(KEY, account("WATER"));
        intervals.pipeInput(KEY, interval("GAL", "748.052"));
        registers.pipeInput(KEY, register("CCF", "597.27"));

        GeneralMeter meter = meters.readValue();
        assertThat(meter.getDeviceId()).isEqualTo(METER);
        assertThat(meter.getEndpointId()).isEqualTo("86577068");
        List<GeneralMeterRead> out = reads.readValuesToList();
        assertThat(out).hasSize(1);
        GeneralMeterRead read = out.get(0);
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2026-04-14T08:00:00Z"));
        // 748.052 GAL × 0.133680546 CF/GAL, rounded to 8 places
        assertThat(read.getIntervalValue()).isEqualTo(99.9999998);
        assertThat(read.getRegisterValue()).isEqualTo(59727.0);
        assertThat(read.getAccountId()).isEqualTo("1818");
        assertThat(read.getLocationId()).isEqualTo("030-100-010");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void readsBeforeTheirAccountWaitAndLeaveWithIt() {
        intervals.pipeInput(KEY, interval("CF", "3"));
        registers.pipeInput(KEY, register("CF", "59727"));
        assertThat(reads.isEmpty()).isTrue();

        accounts.pipeInput(KEY, account("WATER"));

        List<GeneralMeterRead> out = reads.readValuesToList();
        assertThat(out).isNotEmpty();
        GeneralMeterRead last = out.get(out.size() - 1);
        assertThat(last.getIntervalValue()).isEqualTo(3.0);
        assertThat(last.getRegisterValue()).isEqualTo(59727.0);
        assertThat(last.getAccountId()).isEqualTo("1818");
    }

    @Test
    void readsOfAMeterWithoutAWaterAccountAreDeadLettersAfterTheGrace() {
        accounts.pipeInput(KEY, account("ELECTRIC"));
        intervals.pipeInput(KEY, interval("CF", "3"));

        driver.advanceWallClockTime(Duration.ofMinutes(31));

        assertThat(meters.isEmpty()).isTrue();
        assertThat(reads.isEmpty()).isTrue();
        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.getStage()).isEqualTo("join");
        assertThat(dead.getErrorMessage()).contains("no metadata for meter " + KEY);
    }

    @Test
    void aReadWithAnUnknownUnitIsADeadLetterNamingIt() {
        accounts.pipeInput(KEY, account("WATER"));
        intervals.pipeInput(KEY, interval("LITERS", "3"));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.getErrorMessage()).contains("unit_of_measure").contains("LITERS");
    }

    private TestInputTopic<String, SpecificRecord> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new AvroSerializer<>(registry));
    }

    private static ExtractMetadata extract() {
        return ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-1")
                .setExtractedAt(Instant.parse("2026-04-15T00:00:00Z")).setSource("xylem datalake test")
                .setSourceRecord(1L).build();
    }

    private static XylemDatalakeAccount account(String commodity) {
        return XylemDatalakeAccount.newBuilder().setDeviceId(METER).setCommodity(commodity).setRadioId("86577068")
                .setAccountId("1818").setSdpId("030-100-010").setMeterSize("1.5").setDisplayMultiplier("1")
                .setRecordActiveFlag("true").setExtract(extract()).build();
    }

    private static XylemDatalakeWaterInterval interval(String unit, String value) {
        return XylemDatalakeWaterInterval.newBuilder().setMeterId(METER).setCommodity("WATER").setUnitOfMeasure(unit)
                .setReadTimeTimestamp("2026-04-14T08:00:00").setIntervalValue(value).setExtract(extract()).build();
    }

    private static XylemDatalakeWaterRegister register(String unit, String value) {
        return XylemDatalakeWaterRegister.newBuilder().setMeterId(METER).setCommodity("WATER").setUnitOfMeasure(unit)
                .setReadTimeTimestamp("2026-04-14T08:00:00").setRegisterValue(value).setExtract(extract()).build();
    }
}
