package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.adapters.metersense.MetersenseAdapter;
import org.amiconnect.adapters.metersense.MetersenseNormalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterView;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metersense's sub-topology built from its adapter's stream plan: the predecessor's transform cases (python-ami-connect
 * §2.3) now answered by the transformer's joins: register and interval merged on (meter, READ_DTM), the account and
 * location valid at each read's time, the interval's estimated flag kept.
 */
class MetersenseSubTopologyTest {

    private static final String ORG = "ms_org";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private final Topics topics = new Topics("");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TopologyTestDriver driver;
    private final TestOutputTopic<String, GeneralMeterRead> reads;
    private final TestOutputTopic<String, GeneralMeter> meters;

    MetersenseSubTopologyTest() {
        Topology topology = new Topology();
        TransformerTopology.addVendor(topology, MetersenseAdapter.VENDOR, new MetersenseAdapter().streamPlan(),
                Map.of(ORG, new MetersenseNormalizer(LA)), topics, registry, new TransformerMetrics());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metersense-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, Instant.parse("2025-01-01T00:00:00Z"));
        reads = driver.createOutputTopic(topics.meterReads(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeterRead.class));
        meters = driver.createOutputTopic(topics.meters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeter.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void pipe(RawEntity entity, String meterId, SpecificRecord record) {
        driver.createInputTopic(topics.raw(entity), new StringSerializer(), new AvroSerializer<SpecificRecord>(registry))
                .pipeInput(RecordKeys.of(ORG, meterId), record);
    }

    private static ExtractMetadata extract(String source) {
        return ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-1")
                .setExtractedAt(Instant.parse("2025-01-01T00:00:00Z")).setSource(source).build();
    }

    /** MTR001: water, W-TRB8, at location 1001 from 2024-01-01 with account OLD, NEW from 2024-07-01. */
    private void describeMeter() {
        pipe(MetersenseAdapter.METERS, "MTR001", MetersenseMeter.newBuilder().setMeterId("MTR001").setCommodityTp("W")
                .setMeterTp("W-TRB8").setExtract(extract("metersense METERS")).build());
        pipe(MetersenseAdapter.METERS_VIEW, "MTR001", MetersenseMeterView.newBuilder().setMeterId("MTR001")
                .setCommodityTp("W").setCommModuleId("CM1").setExtract(extract("metersense METERS_VIEW")).build());
        history(null, null, null);
        history("2024-01-01T00:00:00", "1001", "OLD");
        history("2024-07-01T00:00:00", "1001", "NEW");
    }

    private void history(String from, String location, String account) {
        pipe(MetersenseAdapter.METER_HISTORY, "MTR001", MetersenseMeterHistory.newBuilder().setMeterId("MTR001")
                .setValidFrom(from).setLocationNo(location).setAccountId(account).setStreetName("MAIN ST")
                .setExtract(extract("metersense meter history")).build());
    }

    private void interval(String readDtm, String value, String status) {
        pipe(MetersenseAdapter.INTERVALREADS, "MTR001", MetersenseIntervalRead.newBuilder().setMeterId("MTR001")
                .setReadDtm(readDtm).setReadValue(value).setUom("CCF").setStatus(status)
                .setExtract(extract("metersense INTERVALREADS")).build());
    }

    private void register(String readDtm, String value, String status) {
        pipe(MetersenseAdapter.REGISTERREADS, "MTR001", MetersenseRegisterRead.newBuilder().setMeterId("MTR001")
                .setReadDtm(readDtm).setReadValue(value).setUom("CCF").setStatus(status)
                .setExtract(extract("metersense REGISTERREADS")).build());
    }

    @Test
    void intervalAndRegisterAtOneTimeBecomeOneReadWithTheIntervalsEstimatedFlag() {
        describeMeter();
        interval("2024-01-01T01:00:00", "0.5", "3");
        register("2024-01-01T01:00:00", "10.5", "1");

        List<GeneralMeterRead> out = reads.readValuesToList();
        assertThat(out).hasSize(1);
        GeneralMeterRead read = out.get(0);
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
        assertThat(read.getRegisterValue()).isEqualTo(1050.0);
        assertThat(read.getIntervalValue()).isEqualTo(50.0);
        assertThat(read.getEstimated()).isEqualTo(1);
        assertThat(read.getAccountId()).isEqualTo("OLD");
        assertThat(read.getLocationId()).isEqualTo("1001");
    }

    @Test
    void readsAtDifferentTimesStayTwoReadsEachWithTheAccountOfItsTime() {
        describeMeter();
        interval("2024-03-01T05:00:00", "1", "1");
        register("2024-03-01T05:00:00", "20", "1");
        interval("2024-08-01T05:00:00", "2", "1");
        register("2024-08-01T05:00:00", "30", "1");

        assertThat(reads.readValuesToList()).extracting(GeneralMeterRead::getAccountId).containsExactly("OLD", "NEW");
    }

    @Test
    void readsBeforeAnyLinkHaveNeitherAccountNorLocation() {
        describeMeter();
        interval("2023-06-01T05:00:00", "1", "1");
        register("2023-06-01T05:00:00", "20", "1");

        GeneralMeterRead read = reads.readValuesToList().get(0);
        assertThat(read.getAccountId()).isNull();
        assertThat(read.getLocationId()).isNull();
    }

    @Test
    void aLoneHalfIsPublishedAloneAfterTheHalvesGrace() {
        describeMeter();
        register("2024-03-01T05:00:00", "20", "1");
        assertThat(reads.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(31));

        GeneralMeterRead read = reads.readValuesToList().get(0);
        assertThat(read.getRegisterValue()).isEqualTo(2000.0);
        assertThat(read.getIntervalValue()).isNull();
    }

    @Test
    void theMeterIsTheMergeOfItsRowsWithTheNewestHistory() {
        describeMeter();

        GeneralMeter meter = meters.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(meter.getMeterSize()).isEqualTo("8");
        assertThat(meter.getEndpointId()).isEqualTo("CM1");
        assertThat(meter.getAccountId()).isEqualTo("NEW");
        assertThat(meter.getLocationAddress()).isEqualTo("MAIN ST");
    }
}
