package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeviceRecordTest {

    private static byte[] write(DeviceRecord r) {
        return DeviceRecord.SERDE.serializer().serialize("t", r);
    }

    private static DeviceRecord read(byte[] bytes) {
        return DeviceRecord.SERDE.deserializer().deserialize("t", bytes);
    }

    @Test
    void roundTripsInThirtyFourBytesStartingWithTheVersion() {
        DeviceRecord r = new DeviceRecord(1_767_225_600_123_456L, 12345.678, 1_767_229_200_000_000L, true,
                0xcbf29ce484222325L);
        byte[] bytes = write(r);
        assertThat(bytes).hasSize(34);
        assertThat(bytes[0]).isEqualTo(DeviceRecord.VERSION);
        assertThat(read(bytes)).isEqualTo(r);
        DeviceRecord noFingerprint = new DeviceRecord(-1L, -0.0, DeviceRecord.UNKNOWN, false, 0L);
        assertThat(read(write(noFingerprint))).isEqualTo(noFingerprint);
        assertThat(read(write(DeviceRecord.nothingBut(DeviceRecord.NONE)))).isEqualTo(DeviceRecord.nothingBut(
                DeviceRecord.NONE));
    }

    @Test
    void readsVersionOneOfAnEarlierChangelogWithTheStoredFlowtimeUnknown() {
        // what version 1 wrote: 1, micros, register bits
        byte[] v1 = ByteBuffer.allocate(17).put((byte) 1).putLong(1_767_225_600_000_000L).putDouble(42.5).array();
        DeviceRecord r = read(v1);
        assertThat(r).isEqualTo(new DeviceRecord(1_767_225_600_000_000L, 42.5, DeviceRecord.UNKNOWN, false, 0L));
        assertThat(r.meterKnown()).isFalse();
        assertThat(r.certainlyNotStored(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void aReadIsCertainlyNotStoredOnlyWhenNewerThanTheKnownStoredFlowtime() {
        assertThat(DeviceRecord.nothingBut(DeviceRecord.NONE).certainlyNotStored(Long.MIN_VALUE + 1)).isTrue();
        assertThat(DeviceRecord.nothingBut(100).certainlyNotStored(101)).isTrue();
        assertThat(DeviceRecord.nothingBut(100).certainlyNotStored(100)).isFalse();
        assertThat(DeviceRecord.nothingBut(100).certainlyNotStored(99)).isFalse();
        assertThat(DeviceRecord.nothingBut(DeviceRecord.UNKNOWN).certainlyNotStored(101)).isFalse();
    }

    @Test
    void roundTripsFlowtimesBeforeTheEpochAndSpecialRegisters() {
        for (DeviceRecord r : new DeviceRecord[] {new DeviceRecord(-1L, -0.0), new DeviceRecord(Long.MIN_VALUE,
                Double.NaN), new DeviceRecord(Long.MAX_VALUE, Double.POSITIVE_INFINITY)}) {
            assertThat(read(write(r))).isEqualTo(r);
        }
    }

    @Test
    void nullStaysNull() {
        assertThat(write(null)).isNull();
        assertThat(read(null)).isNull();
    }

    @Test
    void readsTheTextFormOfAnEarlierChangelog() {
        // what earlier versions wrote: micros + " " + register
        String text = 1_767_225_600_000_000L + " " + Double.valueOf(1.0E7);
        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(new DeviceRecord(1_767_225_600_000_000L, 1.0E7));
        assertThat(read("-5 2.5".getBytes(StandardCharsets.UTF_8))).isEqualTo(new DeviceRecord(-5L, 2.5));
    }

    @Test
    void rejectsAnUnknownVersionNamingIt() {
        byte[] bytes = write(new DeviceRecord(1L, 1.0));
        bytes[0] = 9;
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(SerializationException.class).hasMessageContaining("byte 9");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("12x 1.0".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
