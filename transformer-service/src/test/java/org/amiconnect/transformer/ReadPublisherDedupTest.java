package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup and merge in {@link ReadPublisher#offer} with the device's record ({@link DeviceRecord}) telling which reads are
 * certainly new: on a real (RocksDB) reads store, a repeated read is still dropped, a late read still merges with what
 * is stored, and reads stored by an earlier version (whose records do not say what is stored) are still found.
 */
class ReadPublisherDedupTest {

    private static final Instant T0 = Instant.parse("2026-06-30T00:00:00Z");
    private static final JoinRules RULES = new JoinRules(Duration.ZERO, AfterGrace.EMIT_WITHOUT_METADATA, true,
            Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(36_500));
    private static final String DEVICE = RecordKeys.of("org", "d1");

    private PublisherOnStores stores;
    private KeyValueStore<String, GeneralMeterRead> reads;
    private KeyValueStore<String, DeviceRecord> registers;
    private MockProcessorContext<String, SpecificRecord> context;
    private TransformerMetrics metrics;
    private ReadPublisher publisher;

    @TempDir
    Path stateDir;

    @BeforeEach
    void open() {
        stores = new PublisherOnStores("dedup-test", stateDir, T0.plus(Duration.ofDays(1)), RULES);
        reads = stores.reads;
        registers = stores.devices;
        context = stores.context;
        metrics = stores.metrics;
        publisher = stores.publisher;
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private static GeneralMeterRead read(int hour, Double register, Double interval) {
        return GeneralMeterRead.newBuilder().setOrgId("org").setDeviceId("d1")
                .setFlowtime(T0.plus(Duration.ofHours(hour))).setRegisterValue(register).setRegisterUnit("CF")
                .setIntervalValue(interval).setIntervalUnit("CF").build();
    }

    private static long micros(int hour) {
        return ReadPublisher.micros(T0.plus(Duration.ofHours(hour)));
    }

    private void offer(GeneralMeterRead read) {
        publisher.offer(read, null, new RecordHeaders());
    }

    private List<GeneralMeterRead> published() {
        return context.forwarded().stream().map(f -> (GeneralMeterRead) f.record().value()).toList();
    }

    @Test
    void aRepeatedReadIsDroppedAlsoAfterNewerReadsOfItsDevice() {
        offer(read(1, 100.0, 1.0));
        offer(read(1, 100.0, 1.0));
        offer(read(2, 101.0, 1.0));
        offer(read(3, 102.0, 1.0));
        offer(read(1, 100.0, 1.0));
        offer(read(3, 102.0, 1.0));

        assertThat(published()).extracting(r -> r.getFlowtime()).containsExactly(T0.plus(Duration.ofHours(1)),
                T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)));
        assertThat(metrics.duplicateReads.get()).isEqualTo(3);
        assertThat(registers.get(DEVICE)).isEqualTo(new DeviceRecord(micros(3), 102.0, micros(3), false, 0L));
    }

    @Test
    void aLateReadIsMergedWithWhatIsStoredAndNotComparedWithNewerRegisters() {
        offer(read(1, 100.0, 1.0));
        offer(read(5, 110.0, 1.0));
        offer(read(3, 90.0, 1.0)); // late and lower than hour 5's register: not a backwards register
        offer(read(3, null, 2.0)); // a correction of hour 3's interval: merged with the stored register

        List<GeneralMeterRead> out = published();
        assertThat(out).hasSize(4);
        assertThat(out.get(2).getQuality()).isNull();
        GeneralMeterRead merged = out.get(3);
        assertThat(merged.getFlowtime()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(merged.getRegisterValue()).isEqualTo(90.0);
        assertThat(merged.getIntervalValue()).isEqualTo(2.0);
        assertThat(registers.get(DEVICE)).isEqualTo(new DeviceRecord(micros(5), 110.0, micros(5), false, 0L));
    }

    @Test
    void aNewerRegisterBelowTheLastIsStillFlagged() {
        offer(read(1, 100.0, 1.0));
        offer(read(2, 99.0, 1.0));

        assertThat(published().get(1).getQuality()).containsExactly(QualityChecks.REGISTER_BACKWARDS);
    }

    @Test
    void aHalfWithoutARegisterRaisesTheStoredFlowtimeSoItsOtherHalfMerges() {
        offer(read(4, null, 3.0)); // held, waiting for its register
        assertThat(registers.get(DEVICE)).isEqualTo(DeviceRecord.nothingBut(micros(4)));

        offer(read(4, 120.0, null));

        List<GeneralMeterRead> out = published();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getRegisterValue()).isEqualTo(120.0);
        assertThat(out.get(0).getIntervalValue()).isEqualTo(3.0);
        assertThat(metrics.mergedHalves.get()).isEqualTo(1);
    }

    @Test
    void readsStoredByAnEarlierVersionAreFoundForADeviceWithAnOldRecordOrNone() {
        // state restored from an earlier version's changelogs: reads stored, a version-1 register (stored flowtime
        // unknown) for d1 and no record at all for d2
        reads.put(ReadPublisher.storeKey(DEVICE, micros(6)), read(6, 130.0, 1.0));
        registers.put(DEVICE, DeviceRecord.decode(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        GeneralMeterRead other = GeneralMeterRead.newBuilder(read(6, 50.0, 1.0)).setDeviceId("d2").build();
        reads.put(ReadPublisher.storeKey(RecordKeys.of("org", "d2"), micros(6)), other);

        offer(read(6, 130.0, 1.0));
        offer(GeneralMeterRead.newBuilder(other).build());
        offer(read(6, 130.0, 4.0));

        assertThat(metrics.duplicateReads.get()).isEqualTo(2);
        assertThat(published()).singleElement().satisfies(r -> {
            assertThat(r.getIntervalValue()).isEqualTo(4.0);
            assertThat(r.getRegisterValue()).isEqualTo(130.0);
        });
        assertThat(registers.get(DEVICE).storedUpToMicros()).isEqualTo(micros(6));
        assertThat(registers.get(RecordKeys.of("org", "d2")).storedUpToMicros()).isEqualTo(micros(6));
    }
}
