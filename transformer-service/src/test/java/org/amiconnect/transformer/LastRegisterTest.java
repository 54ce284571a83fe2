package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class LastRegisterTest {

    private static byte[] write(LastRegister r) {
        return LastRegister.SERDE.serializer().serialize("t", r);
    }

    private static LastRegister read(byte[] bytes) {
        return LastRegister.SERDE.deserializer().deserialize("t", bytes);
    }

    @Test
    void roundTripsInTwentyFiveBytesStartingWithTheVersion() {
        LastRegister r = new LastRegister(1_767_225_600_123_456L, 12345.678, 1_767_229_200_000_000L);
        byte[] bytes = write(r);
        assertThat(bytes).hasSize(25);
        assertThat(bytes[0]).isEqualTo(LastRegister.VERSION);
        assertThat(read(bytes)).isEqualTo(r);
        assertThat(read(write(LastRegister.nothingBut(LastRegister.NONE)))).isEqualTo(LastRegister.nothingBut(
                LastRegister.NONE));
    }

    @Test
    void readsVersionOneOfAnEarlierChangelogWithTheStoredFlowtimeUnknown() {
        // what version 1 wrote: 1, micros, register bits
        byte[] v1 = ByteBuffer.allocate(17).put((byte) 1).putLong(1_767_225_600_000_000L).putDouble(42.5).array();
        LastRegister r = read(v1);
        assertThat(r).isEqualTo(new LastRegister(1_767_225_600_000_000L, 42.5, LastRegister.UNKNOWN));
        assertThat(r.certainlyNotStored(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void aReadIsCertainlyNotStoredOnlyWhenNewerThanTheKnownStoredFlowtime() {
        assertThat(LastRegister.nothingBut(LastRegister.NONE).certainlyNotStored(Long.MIN_VALUE + 1)).isTrue();
        assertThat(LastRegister.nothingBut(100).certainlyNotStored(101)).isTrue();
        assertThat(LastRegister.nothingBut(100).certainlyNotStored(100)).isFalse();
        assertThat(LastRegister.nothingBut(100).certainlyNotStored(99)).isFalse();
        assertThat(LastRegister.nothingBut(LastRegister.UNKNOWN).certainlyNotStored(101)).isFalse();
    }

    @Test
    void roundTripsFlowtimesBeforeTheEpochAndSpecialRegisters() {
        for (LastRegister r : new LastRegister[] {new LastRegister(-1L, -0.0), new LastRegister(Long.MIN_VALUE,
                Double.NaN), new LastRegister(Long.MAX_VALUE, Double.POSITIVE_INFINITY)}) {
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
        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(new LastRegister(1_767_225_600_000_000L, 1.0E7));
        assertThat(read("-5 2.5".getBytes(StandardCharsets.UTF_8))).isEqualTo(new LastRegister(-5L, 2.5));
    }

    @Test
    void rejectsAnUnknownVersionNamingIt() {
        byte[] bytes = write(new LastRegister(1L, 1.0));
        bytes[0] = 9;
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(SerializationException.class).hasMessageContaining("byte 9");
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("12x 1.0".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
