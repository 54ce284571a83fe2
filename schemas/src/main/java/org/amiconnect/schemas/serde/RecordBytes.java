package org.amiconnect.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.avro.Schema;

/**
 * A cursor over one record's Avro binary encoding, the reading core shared by {@link RawRecordReader} (raw records
 * into their generated class) and the loader's readings-row decoder (a read straight into a table row): zig-zag
 * varints, IEEE doubles, booleans, texts, timestamp-micros and skipping a value of any schema, read straight from the
 * record's bytes.
 *
 * <p>Texts and timestamps are read into numbered slots that remember the previous value: a text whose UTF-8 bytes equal
 * the slot's previous ones is the same String, a timestamp with the slot's previous micros the same {@code Instant}
 * (a report lists a meter's rows together, so most cells repeat; both types are immutable). A miss costs the String (or
 * {@code Instant}) and a copy of its bytes into the slot's reused buffer.
 *
 * <p>Malformed bytes (a value running past the end, a varint over 10 bytes, a negative length) throw
 * {@link IllegalArgumentException} naming what was being read; callers wrap it with the topic and schema. Not
 * thread-safe: one per thread (and per plan of slots), reused record after record through {@link #start}.
 */
public final class RecordBytes {

    private final LastText[] texts;
    private final LastInstant[] instants;
    private byte[] data;
    private int pos;

    /**
     * @param textSlots how many text slots {@link #readText} may use (0 .. textSlots - 1)
     * @param instantSlots how many timestamp slots {@link #readInstant} may use
     */
    public RecordBytes(int textSlots, int instantSlots) {
        texts = new LastText[textSlots];
        for (int i = 0; i < textSlots; i++) {
            texts[i] = new LastText();
        }
        instants = new LastInstant[instantSlots];
        for (int i = 0; i < instantSlots; i++) {
            instants[i] = new LastInstant();
        }
    }

    /**
     * Starts reading {@code data} at {@code offset} (e.g. {@link WireFormat#BODY_OFFSET}). The slots keep their values.
     *
     * @return this cursor
     */
    public RecordBytes start(byte[] data, int offset) {
        this.data = data;
        this.pos = offset;
        return this;
    }

    /** Forgets the bytes last read, so a record that failed is not kept reachable. */
    public void release() {
        data = null;
    }

    /** @return the offset of the next unread byte */
    public int position() {
        return pos;
    }

    /** @return how many bytes are left after the position */
    public int remaining() {
        return data.length - pos;
    }

    /** An Avro {@code long} (or a union branch index, array/map block count): a zig-zag varint of at most 10 bytes. */
    public long readLong() {
        long value = 0;
        int shift = 0;
        while (true) {
            if (pos >= data.length) {
                throw new IllegalArgumentException("the record ends inside a number");
            }
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("a varint longer than 10 bytes");
            }
        }
        return (value >>> 1) ^ -(value & 1);
    }

    /** An Avro {@code int}: a varint whose value fits an int (else {@link IllegalArgumentException}, as Avro refuses it). */
    public int readInt() {
        long value = readLong();
        if (value != (int) value) {
            throw new IllegalArgumentException("an int of " + value + " is out of range");
        }
        return (int) value;
    }

    /** An Avro {@code double}: 8 bytes, little-endian IEEE 754 bits. */
    public double readDouble() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (data[pos++] & 0xFF) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    /** An Avro {@code boolean}: one byte, non-zero for true. */
    public boolean readBoolean() {
        need(1);
        return data[pos++] != 0;
    }

    /**
     * An Avro {@code string}, decoded as UTF-8 (malformed sequences replaced, as {@code new String} does).
     *
     * @param slot the text slot: the slot's previous String when the bytes are the same, else a new one it remembers
     */
    public String readText(int slot) {
        int n = length("a text");
        LastText last = texts[slot];
        if (last.text != null && last.length == n && Arrays.equals(last.bytes, 0, n, data, pos, pos + n)) {
            pos += n;
            return last.text;
        }
        if (last.bytes.length < n) {
            last.bytes = new byte[Math.max(n, 2 * last.bytes.length)];
        }
        System.arraycopy(data, pos, last.bytes, 0, n);
        last.length = n;
        last.text = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return last.text;
    }

    /**
     * A timestamp-micros {@code long} as Avro's {@code TimestampMicrosConversion} reads it.
     *
     * @param slot the timestamp slot: its previous {@code Instant} when the micros are the same
     */
    public Instant readInstant(int slot) {
        long micros = readLong();
        LastInstant last = instants[slot];
        if (last.instant == null || last.micros != micros) {
            last.micros = micros;
            last.instant = Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
        }
        return last.instant;
    }

    /**
     * Skips one value written with {@code schema}, as Avro's {@code GenericDatumReader.skip} does (array and map blocks
     * with a byte size are jumped over whole).
     */
    public void skip(Schema schema) {
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> jump(1);
            case INT, LONG, ENUM -> readLong();
            case FLOAT -> jump(4);
            case DOUBLE -> jump(8);
            case STRING, BYTES -> jump(length("a text or bytes"));
            case FIXED -> jump(schema.getFixedSize());
            case RECORD -> {
                for (Schema.Field f : schema.getFields()) {
                    skip(f.schema());
                }
            }
            case UNION -> {
                long branch = readLong();
                if (branch < 0 || branch >= schema.getTypes().size()) {
                    throw new IllegalArgumentException("union branch " + branch + " of a union of "
                            + schema.getTypes().size());
                }
                skip(schema.getTypes().get((int) branch));
            }
            case ARRAY, MAP -> {
                long count;
                while ((count = readLong()) != 0) {
                    if (count < 0) {
                        long bytes = readLong();
                        if (bytes < 0 || bytes > data.length - pos) {
                            throw new IllegalArgumentException("a block of " + bytes + " bytes with "
                                    + (data.length - pos) + " left");
                        }
                        pos += (int) bytes;
                        continue;
                    }
                    for (long i = 0; i < count; i++) {
                        if (schema.getType() == Schema.Type.MAP) {
                            jump(length("a map key"));
                            skip(schema.getValueType());
                        } else {
                            skip(schema.getElementType());
                        }
                    }
                }
            }
        }
    }

    private int length(String what) {
        long length = readLong();
        if (length < 0 || length > data.length - pos) {
            throw new IllegalArgumentException(what + " of " + length + " bytes with " + (data.length - pos) + " left");
        }
        return (int) length;
    }

    private void jump(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (data.length - pos < n) {
            throw new IllegalArgumentException("the record ends inside a value");
        }
    }

    /** The previous text of one slot: its UTF-8 bytes (the first {@code length} of a reused buffer) and its String. */
    private static final class LastText {
        private byte[] bytes = new byte[16];
        private int length;
        private String text;
    }

    /** The previous value of one timestamp slot: its epoch micros and its {@code Instant}. */
    private static final class LastInstant {
        private long micros;
        private Instant instant;
    }
}
