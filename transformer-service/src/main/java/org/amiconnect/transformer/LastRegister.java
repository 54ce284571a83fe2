package org.amiconnect.transformer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the {@code last-registers} store keeps of one device: its newest register seen, and the newest flowtime it has
 * in the {@code reads} store, so a read newer than that needs no lookup there to know it is new.
 *
 * <p>Stored as 25 bytes: a version byte ({@link #VERSION}), the register's flowtime in epoch microseconds (big-endian
 * long), the register in cubic feet (IEEE double bits) and {@link #storedUpToMicros}. Earlier versions are still read,
 * so a changelog written before a change restores as it was: version 1 (17 bytes, without the stored flowtime) and the
 * text {@code "<micros> <register>"} (it starts with a digit or '-', never with a version byte); both read with
 * {@link #UNKNOWN} as the stored flowtime.
 *
 * @param flowtimeMicros flowtime of the newest register, epoch microseconds; {@link #NONE} when no register is known
 * @param register register value in cubic feet (NaN when {@link #NONE})
 * @param storedUpToMicros no read of the device in the {@code reads} store has a later flowtime (epoch microseconds);
 *        {@link #NONE} when it holds none, {@link #UNKNOWN} when not known (then the store is asked)
 */
record LastRegister(long flowtimeMicros, double register, long storedUpToMicros) {

    static final byte VERSION = 2;
    /** No register known / no read stored. */
    static final long NONE = Long.MIN_VALUE;
    /** The newest stored flowtime is not known (a value of an earlier version). */
    static final long UNKNOWN = Long.MAX_VALUE;
    private static final byte VERSION_1 = 1;
    private static final int LENGTH_1 = 1 + Long.BYTES + Double.BYTES;
    private static final int LENGTH = LENGTH_1 + Long.BYTES;

    /** Serde for the store; null bytes ↔ null. Decoding throws {@link SerializationException} on unknown bytes. */
    static final Serde<LastRegister> SERDE = Serdes.serdeFrom((topic, value) -> value == null ? null : value.encode(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    /** A device with a register and an unknown stored flowtime (as values of earlier versions read). */
    LastRegister(long flowtimeMicros, double register) {
        this(flowtimeMicros, register, UNKNOWN);
    }

    /** A device of which nothing is known yet: no register, and the stored flowtime is {@code storedUpToMicros}. */
    static LastRegister nothingBut(long storedUpToMicros) {
        return new LastRegister(NONE, Double.NaN, storedUpToMicros);
    }

    boolean hasRegister() {
        return flowtimeMicros != NONE;
    }

    /** A read of this flowtime is certainly not in the {@code reads} store. */
    boolean certainlyNotStored(long flowtimeMicros) {
        return storedUpToMicros != UNKNOWN && flowtimeMicros > storedUpToMicros;
    }

    LastRegister withRegister(long micros, double value) {
        return new LastRegister(micros, value, storedUpToMicros);
    }

    LastRegister withStoredUpTo(long micros) {
        return new LastRegister(flowtimeMicros, register, micros);
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(VERSION).putLong(flowtimeMicros).putDouble(register)
                .putLong(storedUpToMicros).array();
    }

    static LastRegister decode(byte[] bytes) {
        if (bytes.length == LENGTH && bytes[0] == VERSION) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
            return new LastRegister(in.getLong(), in.getDouble(), in.getLong());
        }
        if (bytes.length == LENGTH_1 && bytes[0] == VERSION_1) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH_1 - 1);
            return new LastRegister(in.getLong(), in.getDouble());
        }
        if (bytes.length > 0 && (Character.isDigit(bytes[0]) || bytes[0] == '-')) {
            return decodeText(new String(bytes, StandardCharsets.UTF_8));
        }
        throw new SerializationException("A last-registers value of " + bytes.length + " bytes starting with byte "
                + (bytes.length == 0 ? "(none)" : Byte.toString(bytes[0])) + " is neither version " + VERSION
                + ", version " + VERSION_1 + " nor the earlier text form");
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
