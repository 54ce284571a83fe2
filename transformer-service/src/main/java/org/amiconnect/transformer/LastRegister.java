package org.amiconnect.transformer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The newest register seen of a device, as the {@code last-registers} store keeps it.
 *
 * <p>Stored as 17 bytes: a version byte ({@link #VERSION}), the flowtime in epoch microseconds (big-endian long) and
 * the register in cubic feet (IEEE double bits). Earlier versions stored the text {@code "<micros> <register>"};
 * such values (they start with a digit or '-', never with the version byte) are still read, so a changelog written
 * before the change restores as it was.
 *
 * @param flowtimeMicros flowtime of the read, epoch microseconds
 * @param register register value in cubic feet
 */
record LastRegister(long flowtimeMicros, double register) {

    static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + Double.BYTES;

    /** Serde for the store; null bytes ↔ null. Decoding throws {@link SerializationException} on unknown bytes. */
    static final Serde<LastRegister> SERDE = Serdes.serdeFrom((topic, value) -> value == null ? null : value.encode(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(VERSION).putLong(flowtimeMicros).putDouble(register).array();
    }

    static LastRegister decode(byte[] bytes) {
        if (bytes.length == LENGTH && bytes[0] == VERSION) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
            return new LastRegister(in.getLong(), in.getDouble());
        }
        if (bytes.length > 0 && (Character.isDigit(bytes[0]) || bytes[0] == '-')) {
            return decodeText(new String(bytes, StandardCharsets.UTF_8));
        }
        throw new SerializationException("A last-registers value of " + bytes.length + " bytes starting with byte "
                + (bytes.length == 0 ? "(none)" : Byte.toString(bytes[0])) + " is neither version " + VERSION
                + " nor the earlier text form");
    }

    private static LastRegister decodeText(String text) {
        int space = text.indexOf(' ');
        try {
            return new LastRegister(Long.parseLong(text.substring(0, space)),
                    Double.parseDouble(text.substring(space + 1)));
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read the last-registers text value '" + text + "'", e);
        }
    }
}
