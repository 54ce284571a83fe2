package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MeterPublisher} with the fingerprint of the meter last published in the device's {@link DeviceRecord}, and
 * state of an earlier version that kept it in the {@code last-meters} store only.
 */
class MeterPublisherTest {

    private static final String KEY = RecordKeys.of("org", "d1");

    private KeyValueStore<String, Long> lastMeters;
    private KeyValueStore<String, DeviceRecord> records;
    private static final long EXTRACTED = 1_741_557_600_000L; // 2025-03-09T22:00:00Z
    private static final long NOW = 1_796_162_400_000L; // 2026-12-01T22:00:00Z

    private MockProcessorContext<String, SpecificRecord> context;
    private TransformerMetrics metrics;
    private Devices devices;
    private MeterPublisher publisher;

    @BeforeEach
    void open() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "meters-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, 0), null);
        lastMeters = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("last-meters.t"), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build();
        records = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("last-registers.t"), Serdes.String(),
                DeviceRecord.SERDE).withLoggingDisabled().build();
        lastMeters.init(context.getStateStoreContext(), lastMeters);
        records.init(context.getStateStoreContext(), records);
        metrics = new TransformerMetrics();
        devices = new Devices(records);
        publisher = new MeterPublisher(context, lastMeters, devices, "sink", metrics);
        context.setCurrentSystemTimeMs(NOW);
    }

    @AfterEach
    void close() {
        lastMeters.close();
        records.close();
    }

    private static GeneralMeter meter(String size) {
        return GeneralMeter.newBuilder().setOrgId("org").setDeviceId("d1").setMeterSize(size).build();
    }

    private void publish(GeneralMeter m) {
        devices.forget(); // as the processor does for every input record
        publisher.publish(m, EXTRACTED, new RecordHeaders());
    }

    @Test
    void anUnchangedMeterIsPublishedOnceAndItsFingerprintKeptInTheDeviceRecord() {
        publish(meter("5/8\""));
        publish(meter("5/8\""));
        publish(meter("1\""));
        publish(meter("1\""));

        assertThat(context.forwarded()).hasSize(2);
        assertThat(context.forwarded()).allSatisfy(f -> {
            assertThat(f.record().timestamp()).as("published now").isEqualTo(NOW);
            assertThat(new String(f.record().headers().lastHeader(OriginalTimestamp.HEADER).value(),
                    StandardCharsets.UTF_8)).as("the raw record's time").isEqualTo(String.valueOf(EXTRACTED));
        });
        assertThat(metrics.unchangedMeters()).isEqualTo(2);
        assertThat(records.get(KEY).meterFingerprint()).isEqualTo(MeterFingerprint.of(meter("1\"")));
        assertThat(lastMeters.get(KEY)).isNull();
    }

    @Test
    void aFingerprintAnEarlierVersionKeptInLastMetersStillCountsAndMovesIntoTheRecord() {
        lastMeters.put(KEY, MeterFingerprint.of(meter("5/8\"")));
        records.put(KEY, new DeviceRecord(1L, 10.0)); // a version-1 register: no fingerprint

        publish(meter("5/8\""));

        assertThat(context.forwarded()).isEmpty();
        assertThat(metrics.unchangedMeters()).isEqualTo(1);
        DeviceRecord moved = records.get(KEY);
        assertThat(moved.meterKnown()).isTrue();
        assertThat(moved.meterFingerprint()).isEqualTo(MeterFingerprint.of(meter("5/8\"")));
        assertThat(moved.register()).isEqualTo(10.0);

        lastMeters.delete(KEY); // from now on the record alone decides
        publish(meter("5/8\""));
        assertThat(context.forwarded()).isEmpty();
    }
}
