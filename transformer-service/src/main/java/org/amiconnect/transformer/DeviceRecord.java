package org.amiconnect.transformer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the {@code last-registers} store keeps of one device, so that a read costs one lookup of it: the newest
 * register seen (for {@code register_backwards}), the newest flowtime the device has in the {@code reads} store (a
 * read newer than that needs no lookup there to know it is new), and the fingerprint of the meter last published.
 *
 * <p>Stored as 34 bytes: a version byte ({@link #VERSION}), a byte that is 1 when the meter fingerprint is known, the
 * register's flowtime in epoch microseconds (big-endian long), the register in cubic feet (IEEE double bits), {@link
 * #storedUpToMicros} and {@link #meterFingerprint}. Earlier forms are still read, so a changelog written before this
 * layout restores as it was: version 1 (17 bytes: version, flowtime, register) and the text {@code "<micros>
 * <register>"} (it starts with a digit or '-', never with a version byte); both read with the stored flowtime
 * {@link #UNKNOWN} and no fingerprint (which is then in the {@code last-meters} store those versions wrote).
 *
 * @param flowtimeMicros flowtime of the newest register, epoch microseconds; {@link #NONE} when no register is known
 * @param register register value in cubic feet (NaN when {@link #NONE})
 * @param storedUpToMicros no read of the device in the {@code reads} store has a later flowtime (epoch microseconds);
 *        {@link #NONE} when it holds none, {@link #UNKNOWN} when not known (then the store is asked)
 * @param meterKnown whether {@code meterFingerprint} holds the fingerprint of the meter last published
 * @param meterFingerprint {@link MeterFingerprint} of the meter last published (0 when not known)
 */
record DeviceRecord(long flowtimeMicros, double register, long storedUpToMicros, boolean meterKnown,
        long meterFingerprint) {

    static final byte VERSION = 2;
    /** No register known / no read stored. */
    static final long NONE = Long.MIN_VALUE;
    /** The newest stored flowtime is not known (a value of an earlier version). */
    static final long UNKNOWN = Long.MAX_VALUE;
    private static final byte VERSION_1 = 1;
    private static final int LENGTH_1 = 1 + Long.BYTES + Double.BYTES;
    private static final int LENGTH = 2 + 4 * Long.BYTES;

    /** Serde for the store; null bytes ↔ null. Decoding throws {@link SerializationException} on unknown bytes. */
    static final Serde<DeviceRecord> SERDE = Serdes.serdeFrom((topic, value) -> value == null ? null : value.encode(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    /** A device with a register, as values of earlier versions read: stored flowtime unknown, no fingerprint. */
    DeviceRecord(long flowtimeMicros, double register) {
        this(flowtimeMicros, register, UNKNOWN, false, 0L);
    }

    /** A device with no register nor fingerprint known, and the stored flowtime {@code storedUpToMicros}. */
    static DeviceRecord nothingBut(long storedUpToMicros) {
        return new DeviceRecord(NONE, Double.NaN, storedUpToMicros, false, 0L);
    }

    boolean hasRegister() {
        return flowtimeMicros != NONE;
    }

    /** A read of this flowtime is certainly not in the {@code reads} store. */
    boolean certainlyNotStored(long flowtimeMicros) {
        return storedUpToMicros != UNKNOWN && flowtimeMicros > storedUpToMicros;
    }

    /** Says nothing that no record would not say too: no register, stored flowtime unknown, no fingerprint. */
    boolean empty() {
        return !hasRegister() && storedUpToMicros == UNKNOWN && !meterKnown;
    }

    DeviceRecord withRegister(long micros, double value) {
        return new DeviceRecord(micros, value, storedUpToMicros, meterKnown, meterFingerprint);
    }

    DeviceRecord withStoredUpTo(long micros) {
        return new DeviceRecord(flowtimeMicros, register, micros, meterKnown, meterFingerprint);
    }

    DeviceRecord withMeter(long fingerprint) {
        return new DeviceRecord(flowtimeMicros, register, storedUpToMicros, true, fingerprint);
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(VERSION).put((byte) (meterKnown ? 1 : 0)).putLong(flowtimeMicros)
                .putDouble(register).putLong(storedUpToMicros).putLong(meterFingerprint).array();
    }

    static DeviceRecord decode(byte[] bytes) {
        if (bytes.length == LENGTH && bytes[0] == VERSION) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
            boolean meterKnown = in.get() == 1;
            return new DeviceRecord(in.getLong(), in.getDouble(), in.getLong(), meterKnown, in.getLong());
        }
        if (bytes.length == LENGTH_1 && bytes[0] == VERSION_1) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH_1 - 1);
            return new DeviceRecord(in.getLong(), in.getDouble());
        }
        if (bytes.length > 0 && (Character.isDigit(bytes[0]) || bytes[0] == '-')) {
            return decodeText(new String(bytes, StandardCharsets.UTF_8));
        }
        throw new SerializationException("A last-registers value of " + bytes.length + " bytes starting with byte "
                + (bytes.length == 0 ? "(none)" : Byte.toString(bytes[0])) + " is neither version " + VERSION
                + ", version " + VERSION_1 + " nor the earlier text form");
    }

    private static DeviceRecord decodeText(String text) {
        int space = text.indexOf(' ');
        try {
            return new DeviceRecord(Long.parseLong(text.substring(0, space)),
                    Double.parseDouble(text.substring(space + 1)));
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read the last-registers text value '" + text + "'", e);
        }
    }
}
