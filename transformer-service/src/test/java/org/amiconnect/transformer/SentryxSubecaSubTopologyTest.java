package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.amiconnect.adapters.sentryx.SentryxAdapter;
import org.amiconnect.adapters.sentryx.SentryxSettings;
import org.amiconnect.adapters.subeca.SubecaAdapter;
import org.amiconnect.adapters.subeca.SubecaSettings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Sentryx and Subeca sub-topologies their stream plans assemble, without a broker: Sentryx consumption joined to
 * its device (an unlisted device's read kept without an account after the grace), and Subeca's latest register merged
 * with the hourly usage of the same flowtime.
 */
class SentryxSubecaSubTopologyTest {

    private static final String SENTRYX_ORG = "sentryx_org";
    private static final String SUBECA_ORG = "subeca_org";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private final Topics topics = new Topics("");
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TransformerMetrics metrics = new TransformerMetrics();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, GeneralMeter> meters;
    private TestOutputTopic<String, GeneralMeterRead> reads;

    @BeforeEach
    void start() {
        SourceConfig sentryx = new SourceConfig(SentryxAdapter.TYPE, SENTRYX_ORG, LA, List.of(), new SentryxSettings(
                SentryxSettings.DEFAULT_API_URL, "u", Secret.of("k"), 25, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), List.of(), Optional.empty(), Optional.empty());
        SourceConfig subeca = new SourceConfig(SubecaAdapter.TYPE, SUBECA_ORG, LA, List.of(), new SubecaSettings(
                URI.create("https://x.api.subeca.online"), Secret.of("k"), 100, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), List.of(), Optional.empty(), Optional.empty());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "transformer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(TransformerTopology.build(List.of(sentryx, subeca), AdapterCatalog.load(),
                topics, registry, metrics), props);
        meters = driver.createOutputTopic(topics.meters(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeter.class));
        reads = driver.createOutputTopic(topics.meterReads(), new StringDeserializer(),
                new AvroDeserializer<>(registry, GeneralMeterRead.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void sentryxConsumptionTakesTheAccountOfItsDevice() {
        pipe(SentryxAdapter.DEVICE, SENTRYX_ORG + "|101", SentryxDevice.newBuilder().setDeviceId("101")
                .setAccountId("A-1").setExtract(extract(SENTRYX_ORG)).build());
        pipe(SentryxAdapter.CONSUMPTION, SENTRYX_ORG + "|101", point("101", "2024-07-07T01:00:00", "35828"));

        assertThat(meters.readValue().getAccountId()).isEqualTo("A-1");
        GeneralMeterRead read = reads.readValue();
        assertThat(read.getAccountId()).isEqualTo("A-1");
        assertThat(read.getRegisterValue()).isEqualTo(35828.0);
    }

    @Test
    void sentryxReadOfAnUnlistedDeviceIsKeptWithoutAnAccountAfterTheGrace() {
        pipe(SentryxAdapter.CONSUMPTION, SENTRYX_ORG + "|999", point("999", "2024-07-07T01:00:00", "12"));

        assertThat(reads.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(11));

        GeneralMeterRead read = reads.readValue();
        assertThat(read.getDeviceId()).isEqualTo("999");
        assertThat(read.getAccountId()).isNull();
        assertThat(metrics.publishedWithoutMetadata()).isEqualTo(1);
    }

    @Test
    void subecaLatestRegisterAndHourlyUsageOfOneFlowtimeEndAsOneRead() {
        String key = SUBECA_ORG + "|DEV1";
        pipe(SubecaAdapter.ACCOUNT, key, SubecaAccount.newBuilder().setAccountId("3.29.4.W").setDeviceId("DEV1")
                .setMeterSize("5/8").setExtract(extract(SUBECA_ORG)).build());
        pipe(SubecaAdapter.USAGE, key, SubecaUsage.newBuilder().setAccountId("3.29.4.W").setDeviceId("DEV1")
                .setUsageTime("2025-08-01T10:00:00+00:00").setUnit("cf").setValue("1.5").setExtract(extract(SUBECA_ORG))
                .build());
        pipe(SubecaAdapter.LATEST_READING, key, SubecaLatestReading.newBuilder().setAccountId("3.29.4.W")
                .setDeviceId("DEV1").setUsageTime("2025-08-01T10:00:00+00:00").setUnit("cf").setValue("16685.9")
                .setExtract(extract(SUBECA_ORG)).build());

        assertThat(meters.readValue().getLocationId()).isEqualTo("3.29.4.W");
        List<GeneralMeterRead> out = reads.readValuesToList();
        GeneralMeterRead last = out.get(out.size() - 1);
        assertThat(last.getFlowtime()).isEqualTo(Instant.parse("2025-08-01T10:00:00Z"));
        assertThat(last.getIntervalValue()).isEqualTo(1.5);
        assertThat(last.getRegisterValue()).isEqualTo(16685.9);
        assertThat(last.getAccountId()).isEqualTo("3.29.4.W");
    }

    private void pipe(org.amiconnect.core.adapter.RawEntity entity, String key, SpecificRecord record) {
        driver.createInputTopic(topics.raw(entity), new StringSerializer(), new AvroSerializer<SpecificRecord>(registry))
                .pipeInput(key, record);
    }

    private static SentryxConsumption point(String device, String timeStamp, String reading) {
        return SentryxConsumption.newBuilder().setDeviceId(device).setUnits("CF").setTimeStamp(timeStamp)
                .setReading(reading).setExtract(extract(SENTRYX_ORG)).build();
    }

    private static ExtractMetadata extract(String org) {
        return ExtractMetadata.newBuilder().setOrgId(org).setRunId("run-1").setSource("test")
                .setExtractedAt(Instant.parse("2025-08-06T00:00:00Z")).build();
    }
}
