package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void roundTripsInSeventeenBytesStartingWithTheVersion() {
        LastRegister r = new LastRegister(1_767_225_600_123_456L, 12345.678);
        byte[] bytes = write(r);
        assertThat(bytes).hasSize(17);
        assertThat(bytes[0]).isEqualTo(LastRegister.VERSION);
        assertThat(read(bytes)).isEqualTo(r);
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
