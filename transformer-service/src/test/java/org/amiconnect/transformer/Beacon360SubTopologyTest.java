package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Beacon 360's sub-topology without a broker: every raw row becomes a meter and a read, or a dead letter. */
class Beacon360SubTopologyTest {

    private static final String ORG = "test_org";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private final Topics topics = new Topics("");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TransformerMetrics metrics = new TransformerMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Beacon360MeterRead> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestOutputTopic<String, GeneralMeter> meters;
    private TestOutputTopic<String, GeneralMeterRead> reads;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, ORG, LA, List.of(), new Beacon360Settings(
                Beacon360Settings.DEFAULT_API_URL, Secret.of("u"), Secret.of("p"), Duration.ofSeconds(1), 1, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), List.of(), Optional.empty(), Optional.empty());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "transformer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(TransformerTopology.build(List.of(source), AdapterCatalog.load(), topics,
                registry, metrics), props);
        String rawTopic = topics.raw(Beacon360Adapter.METER_READ);
        raw = driver.createInputTopic(rawTopic, new StringSerializer(), new AvroSerializer<>(registry));
        rawBytes = driver.createInputTopic(rawTopic, new StringSerializer(), new ByteArraySerializer());
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
    void normalizesARowIntoAMeterAndAReadInCubicFeetAndUtc() {
        raw.pipeInput(new TestRecord<>(ORG + "|130615549", row(1, "130615549", "2024-08-01 00:59", "227.6", "CCF", "5.0", "Gallons"),
                new RecordHeaders().add("ami.run-id", "run-1".getBytes(StandardCharsets.UTF_8))));

        TestRecord<String, GeneralMeterRead> read = reads.readRecord();
        assertThat(read.key()).isEqualTo(ORG + "|130615549");
        assertThat(read.value().getFlowtime()).isEqualTo(Instant.parse("2024-08-01T07:59:00Z"));
        assertThat(read.value().getRegisterValue()).isEqualTo(22760.0);
        assertThat(read.value().getIntervalValue()).isEqualTo(0.66840273);
        assertThat(read.headers().lastHeader("ami.run-id").value()).isEqualTo("run-1".getBytes(StandardCharsets.UTF_8));
        GeneralMeter meter = meters.readValue();
        assertThat(meter.getDeviceId()).isEqualTo("130615549");
        assertThat(meter.getMeterSize()).isEqualTo("0.625");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    /**
     * Outputs are stamped with the time they are published, whatever the raw record's timestamp: a broker deletes
     * records older than the topic's retention at its next check, and a raw record replayed from the archive or read
     * again after an offset reset can be that old. The meter carries when its raw record was first published, which
     * the loader versions it by (docs/transformer.md, timestamps).
     */
    @Test
    void aRawRecordOfLongAgoGivesOutputsOfNowAndItsMeterKeepsItsExtractTime() {
        Instant extracted = Instant.parse("2025-03-09T22:00:00Z");
        raw.pipeInput(new TestRecord<>(ORG + "|130615549", row(1, "130615549", "2024-08-01 00:59", "227.6", "CCF",
                "5.0", "Gallons"), new RecordHeaders(), extracted));

        TestRecord<String, GeneralMeter> meter = meters.readRecord();
        TestRecord<String, GeneralMeterRead> read = reads.readRecord();
        // the test driver's wall clock: the time it was created
        assertThat(meter.getRecordTime()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(read.getRecordTime()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(new String(meter.headers().lastHeader(OriginalTimestamp.HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("1741557600000");
        assertThat(read.headers().lastHeader(OriginalTimestamp.HEADER)).as("reads need no version time")
                .isNull();
    }

    /** After a replay the raw record's header already holds its extract time; the meter passes it on unchanged. */
    @Test
    void aReplayedRowsMeterKeepsTheOriginalTimestampItsRawRecordCarries() {
        byte[] extracted = "1741557600000".getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(new TestRecord<>(ORG + "|130615549", row(1, "130615549", "2024-08-01 00:59", "227.6", "CCF",
                "5.0", "Gallons"), new RecordHeaders().add(OriginalTimestamp.HEADER, extracted),
                Instant.parse("2026-12-01T22:00:00Z")));

        TestRecord<String, GeneralMeter> meter = meters.readRecord();
        assertThat(meter.headers().headers(OriginalTimestamp.HEADER)).singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo(extracted));
    }

    @Test
    void anUnchangedMeterIsPublishedOnce() {
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(2, "1", "2024-08-01 01:59", "2", "CCF", "1", "CCF"));

        assertThat(reads.readValuesToList()).hasSize(2);
        assertThat(meters.readValuesToList()).hasSize(1);
        assertThat(metrics.unchangedMeters()).isEqualTo(1);
    }

    @Test
    void aMeterThatChangesAndChangesBackIsPublishedEachTimeBetweenOtherMeters() {
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        Beacon360MeterRead moved = row(2, "1", "2024-08-01 01:59", "2", "CCF", "1", "CCF");
        moved.setLocationID("999");
        raw.pipeInput(ORG + "|1", moved);
        raw.pipeInput(ORG + "|2", row(3, "2", "2024-08-01 01:59", "2", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(4, "1", "2024-08-01 02:59", "3", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(5, "1", "2024-08-01 03:59", "4", "CCF", "1", "CCF"));

        assertThat(meters.readValuesToList()).extracting(GeneralMeter::getDeviceId, GeneralMeter::getLocationId)
                .containsExactly(tuple("1", "303022"), tuple("1", "999"), tuple("2", "303022"), tuple("1", "303022"));
        assertThat(metrics.unchangedMeters()).isEqualTo(1);
    }

    @Test
    void aRegisterBelowTheDevicesPreviousReadIsFlaggedEvenAfterAnotherDevicesRead() {
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "5", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|2", row(2, "2", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(3, "1", "2024-08-01 01:59", "4", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(4, "1", "2024-08-01 00:30", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(5, "1", "2024-08-01 02:59", "4", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(6, "1", "2024-08-01 03:59", "3", "CCF", "1", "CCF"));

        assertThat(reads.readValuesToList()).extracting(GeneralMeterRead::getDeviceId, GeneralMeterRead::getQuality)
                .containsExactly(tuple("1", null), tuple("2", null), tuple("1", List.of(QualityChecks.REGISTER_BACKWARDS)),
                        tuple("1", null), tuple("1", null), tuple("1", List.of(QualityChecks.REGISTER_BACKWARDS)));
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirReasonAndNothingIsLost() {
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|2", row(2, "2", "2024-08-01 00:59", "1", "CCF", "3.5", "Pounds"));
        rawBytes.pipeInput(ORG + "|3", "not avro".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(ORG + "|4", row(4, "4", "", "", "", "", ""));
        Beacon360MeterRead otherOrg = row(5, "5", "2024-08-01 00:59", "1", "CCF", "1", "CCF");
        otherOrg.getExtract().setOrgId("not_configured");
        raw.pipeInput("not_configured|5", otherOrg);

        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).hasSize(3);
        assertThat(letters.get(0).getStage()).isEqualTo("normalize");
        assertThat(letters.get(0).getErrorMessage())
                .contains("test report row 2", "Endpoint_SN 2", "Flow_Unit", "'Pounds'");
        assertThat(letters.get(0).getSource()).isEqualTo("test report row 2");
        assertThat(letters.get(0).getOriginalOffset()).isEqualTo(1);
        assertThat(letters.get(1).getStage()).isEqualTo("deserialize");
        assertThat(letters.get(1).getOriginalValue().array()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
        assertThat(letters.get(2).getErrorMessage()).contains("not_configured");

        // counts in = counts out + dead letters: 5 raw records = 2 normalized (one without a read) + 3 dead letters
        assertThat(metrics.rawRecords()).isEqualTo(5);
        assertThat(reads.readValuesToList()).hasSize(1);
        assertThat(metrics.skippedReads()).isEqualTo(1);
        assertThat(meters.readValuesToList()).hasSize(2);
        assertThat(metrics.deadLetters()).isEqualTo(3);
    }

    @Test
    void aRowPulledAgainIsPublishedOnceAndACorrectedRowWins() {
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF"));
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "2", "CCF"));
        raw.pipeInput(ORG + "|1", row(1, "1", "2024-08-01 00:59", "1", "CCF", "", ""));

        List<GeneralMeterRead> out = reads.readValuesToList();
        assertThat(out).extracting(GeneralMeterRead::getIntervalValue).containsExactly(100.0, 200.0);
        assertThat(metrics.duplicateReads()).isEqualTo(2);
    }

    @Test
    void twoReadsAtTheSameFallBackTimeAreAnHourApartAndASpringForwardDuplicateIsADeadLetter() {
        Beacon360MeterRead daylight = row(1, "1", "2024-11-03 01:59", "1", "CCF", "1", "CCF");
        daylight.getExtract().setLocalTimeOffsets(java.util.Map.of("Read_Time", -7 * 3600));
        Beacon360MeterRead standard = row(2, "1", "2024-11-03 01:59", "1.01", "CCF", "1", "CCF");
        standard.getExtract().setLocalTimeOffsets(java.util.Map.of("Read_Time", -8 * 3600));
        Beacon360MeterRead gap = row(3, "1", "2024-03-10 02:30", "1", "CCF", "1", "CCF");
        gap.getExtract().setFieldProblems(java.util.Map.of("Read_Time", "moved forward it is the time of row 4"));
        raw.pipeInput(ORG + "|1", daylight);
        raw.pipeInput(ORG + "|1", standard);
        raw.pipeInput(ORG + "|1", gap);

        assertThat(reads.readValuesToList()).extracting(GeneralMeterRead::getFlowtime)
                .containsExactly(Instant.parse("2024-11-03T08:59:00Z"), Instant.parse("2024-11-03T09:59:00Z"));
        assertThat(deadLetters.readValue().getErrorMessage()).contains("Read_Time", "row 4");
    }

    @Test
    void theVendorsEstimatedFlagIsKeptAndQualityIsNullForAPlausibleRead() {
        Beacon360MeterRead estimated = row(1, "1", "2024-08-01 00:59", "1", "CCF", "1", "CCF");
        estimated.setEstimatedFlag("1");
        raw.pipeInput(ORG + "|1", estimated);
        GeneralMeterRead read = reads.readValue();
        assertThat(read.getEstimated()).isEqualTo(1);
        assertThat(read.getQuality()).isNull();
    }

    private static Beacon360MeterRead row(long rowNumber, String endpoint, String readTime, String read, String readUnit,
            String flow, String flowUnit) {
        Beacon360MeterRead r = new Beacon360MeterRead();
        r.setEndpointSN(endpoint);
        r.setAccountID("303022");
        r.setLocationID("303022");
        r.setMeterID("1470158170");
        r.setMeterSizeDesc("5/8\"");
        r.setReadTime(readTime);
        r.setFlowTime(readTime);
        r.setRead(read);
        r.setReadUnit(readUnit);
        r.setFlow(flow);
        r.setFlowUnit(flowUnit);
        r.setEstimatedFlag("0");
        r.setExtract(ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-1")
                .setExtractedAt(Instant.parse("2024-08-02T00:00:00Z")).setSource("test report").setSourceRecord(rowNumber)
                .build());
        return r;
    }
}
