package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.adapters.moultonniguel.MoultonNiguelAdapter;
import org.amiconnect.adapters.moultonniguel.MoultonNiguelNormalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelRegisterRead;
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
 * Moulton Niguel's sub-topology built from its adapter's stream plan: the predecessor's point-in-time meter and
 * customer matching (python-ami-connect §2.7) answered by the transformer's joins, ami and register_read merged.
 */
class MoultonNiguelSubTopologyTest {

    private static final String ORG = "mn_org";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private final Topics topics = new Topics("");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TopologyTestDriver driver;
    private final TestOutputTopic<String, GeneralMeterRead> reads;
    private final TestOutputTopic<String, GeneralMeter> meters;

    MoultonNiguelSubTopologyTest() {
        Topology topology = new Topology();
        TransformerTopology.addVendor(topology, MoultonNiguelAdapter.VENDOR, new MoultonNiguelAdapter().streamPlan(),
                Map.of(ORG, new MoultonNiguelNormalizer(LA)), topics, registry, new TransformerMetrics());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "moulton-niguel-test");
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

    /** M1 at 100-1 from 2020-01-01, customer A1 until 2024-01-01 and A2 after; its current ert is ERT2. */
    private void describeMeter() {
        pipe(MoultonNiguelAdapter.METER, "M1", MoultonNiguelMeter.newBuilder().setId("1").setMeterId("M1")
                .setErtId("ERT1").setStartDate("2020-01-01").setEndDate("2023-01-01").setSpdMeterSize("0.625")
                .setExtract(extract("xylem_moulton_niguel meter")).build());
        pipe(MoultonNiguelAdapter.METER, "M1", MoultonNiguelMeter.newBuilder().setId("2").setMeterId("M1")
                .setErtId("ERT2").setStartDate("2023-01-01").setEndDate("9999-01-01").setSpdMeterSize("0.625")
                .setExtract(extract("xylem_moulton_niguel meter")).build());
        history(null, null, null);
        history("2020-01-01", "100", "A1");
        history("2024-01-01", "100", "A2");
    }

    private void history(String from, String address, String account) {
        pipe(MoultonNiguelAdapter.METER_HISTORY, "M1", MoultonNiguelMeterHistory.newBuilder().setMeterId("M1")
                .setValidFrom(from).setServiceAddress(address).setServicePoint(address == null ? null : "1")
                .setAccountId(account).setExtract(extract("xylem_moulton_niguel meter history")).build());
    }

    private void ami(String id, String datetime, String consumption) {
        pipe(MoultonNiguelAdapter.AMI, "M1", MoultonNiguelAmi.newBuilder().setId(id).setEncid("M1")
                .setDatetime(datetime).setConsumption(consumption).setExtract(extract("xylem_moulton_niguel ami"))
                .build());
    }

    private void register(String id, String datetime, String value) {
        pipe(MoultonNiguelAdapter.REGISTER_READ, "M1", MoultonNiguelRegisterRead.newBuilder().setId(id)
                .setEncid("M1").setDatetime(datetime).setRegRead(value)
                .setExtract(extract("xylem_moulton_niguel register_read")).build());
    }

    @Test
    void readsIn2023MatchThe2020MeterAndCustomerAndMergeTheirHalves() {
        describeMeter();
        ami("10", "2023-01-01 00:00:00.000 -0700", "10");
        register("11", "2023-01-01 00:00:00.000 -0700", "1234");

        List<GeneralMeterRead> out = reads.readValuesToList();
        assertThat(out).hasSize(1);
        GeneralMeterRead read = out.get(0);
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2023-01-01T07:00:00Z"));
        assertThat(read.getIntervalValue()).isEqualTo(10.0);
        assertThat(read.getRegisterValue()).isEqualTo(1234.0);
        assertThat(read.getAccountId()).isEqualTo("A1");
        assertThat(read.getLocationId()).isEqualTo("100-1");
    }

    @Test
    void readsAfterTheCustomerChangedTakeTheNewCustomer() {
        describeMeter();
        ami("10", "2024-06-01T00:00:00-07:00", "3");
        register("11", "2024-06-01T00:00:00-07:00", "2000");

        assertThat(reads.readValuesToList()).extracting(GeneralMeterRead::getAccountId).containsExactly("A2");
    }

    @Test
    void theCurrentMeterIsItsLatestRowWithTheNewestCustomer() {
        describeMeter();

        GeneralMeter meter = meters.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(meter.getEndpointId()).isEqualTo("ERT2");
        assertThat(meter.getAccountId()).isEqualTo("A2");
        assertThat(meter.getLocationId()).isEqualTo("100-1");
        assertThat(meter.getMeterSize()).isEqualTo("0.625");
    }
}
