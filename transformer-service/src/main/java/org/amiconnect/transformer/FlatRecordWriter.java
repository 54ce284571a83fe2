package org.amiconnect.transformer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * Writes a record of flat fields (strings, ints, longs, timestamp-micros, doubles, arrays of strings, each optionally
 * in a union with null) in the Avro binary encoding, field by field from {@link IndexedRecord#get}, without Avro's
 * datum writer (its union resolution, stringable checks and conversions per field were most of the cost of publishing
 * a read). The bytes are the ones Avro's {@code SpecificDatumWriter} writes for the same record and schema
 * ({@code FlatRecordWriterTest}).
 *
 * <p>A plan is made once per schema ({@link #of}); a schema with another kind of field has no plan and is written
 * the general way. The plan is immutable; the buffer it writes into ({@link Output}) belongs to one thread.
 */
final class FlatRecordWriter {

    private enum Kind { STRING, INT, LONG, MICROS, DOUBLE, STRING_ARRAY }

    /** One field: its kind, and the union branches of null and of the value (-1 when not a union). */
    private record Field(int pos, String name, Kind kind, int nullBranch, int valueBranch) {
    }

    private final Field[] fields;

    private FlatRecordWriter(Field[] fields) {
        this.fields = fields;
    }

    /** The plan for records of {@code schema}, or null when a field is of a kind this writer does not cover. */
    static FlatRecordWriter of(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        List<Field> plan = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            Schema type = f.schema();
            int nullBranch = -1;
            int valueBranch = -1;
            if (type.getType() == Schema.Type.UNION) {
                List<Schema> branches = type.getTypes();
                if (branches.size() != 2) {
                    return null;
                }
                nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0
                        : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
                if (nullBranch < 0) {
                    return null;
                }
                valueBranch = 1 - nullBranch;
                type = branches.get(valueBranch);
            }
            Kind kind = kindOf(type);
            if (kind == null) {
                return null;
            }
            plan.add(new Field(f.pos(), f.name(), kind, nullBranch, valueBranch));
        }
        return new FlatRecordWriter(plan.toArray(Field[]::new));
    }

    private static Kind kindOf(Schema type) {
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case STRING -> Kind.STRING;
            case INT -> logical == null ? Kind.INT : null;
            case LONG -> logical == null ? Kind.LONG
                    : logical.getName().equals(LogicalTypes.timestampMicros().getName()) ? Kind.MICROS : null;
            case DOUBLE -> Kind.DOUBLE;
            case ARRAY -> type.getElementType().getType() == Schema.Type.STRING ? Kind.STRING_ARRAY : null;
            default -> null;
        };
    }

    /**
     * Appends the Avro binary encoding of {@code record} to {@code out}.
     *
     * @throws IllegalArgumentException when a required field is null or a value is not of its field's Java type
     */
    void write(IndexedRecord record, Output out) {
        for (Field f : fields) {
            Object value = record.get(f.pos);
            if (f.nullBranch >= 0) {
                if (value == null) {
                    out.writeLong(f.nullBranch);
                    continue;
                }
                out.writeLong(f.valueBranch);
            } else if (value == null) {
                throw new IllegalArgumentException("field " + f.name + " is required but null");
            }
            try {
                writeValue(f.kind, value, out);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("field " + f.name + " holds a " + value.getClass().getName()
                        + ", not a value of its " + f.kind + " type", e);
            }
        }
    }

    private static void writeValue(Kind kind, Object value, Output out) {
        switch (kind) {
            case STRING -> {
                if (value instanceof Utf8 utf8) { // a generic record's text: its bytes as they are, as Avro writes them
                    out.writeLong(utf8.getByteLength());
                    out.writeBytes(utf8.getBytes(), utf8.getByteLength());
                } else {
                    out.writeString((CharSequence) value);
                }
            }
            case INT -> out.writeLong((Integer) value);
            case LONG -> out.writeLong((Long) value);
            case MICROS -> out.writeLong(value instanceof Instant t ? micros(t) : (Long) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case STRING_ARRAY -> {
                List<?> items = (List<?>) value;
                if (!items.isEmpty()) {
                    out.writeLong(items.size());
                    for (Object item : items) {
                        out.writeString((CharSequence) item);
                    }
                }
                out.writeLong(0);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** As Avro's timestamp-micros conversion: whole seconds × 10⁶ plus the nanos' whole micros. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /**
     * A growable byte buffer reused across records by one thread: {@link #reset} to a start position, write, then
     * {@link #toArray}.
     */
    static final class Output {

        private static final int INITIAL_CAPACITY = 512;
        /** A buffer grown beyond this by one large record is dropped afterwards rather than kept. */
        private static final int MAX_RETAINED_CAPACITY = 1 << 20;

        private byte[] buffer = new byte[INITIAL_CAPACITY];
        private int count;

        /** Empties the buffer and leaves {@code reserved} bytes at its start (e.g. for a header). */
        void reset(int reserved) {
            if (buffer.length > MAX_RETAINED_CAPACITY) {
                buffer = new byte[INITIAL_CAPACITY];
            }
            count = reserved;
        }

        /** The buffer itself (for a header written in place); valid until the next write. */
        byte[] buffer() {
            return buffer;
        }

        /** A copy of what was written, reserved bytes included. */
        byte[] toArray() {
            return Arrays.copyOf(buffer, count);
        }

        /** Zig-zag varint, as Avro writes ints and longs (union indices and lengths included). */
        void writeLong(long n) {
            ensure(10);
            long v = (n << 1) ^ (n >> 63);
            while ((v & ~0x7FL) != 0) {
                buffer[count++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[count++] = (byte) v;
        }

        /** The first {@code length} bytes of {@code bytes}. */
        void writeBytes(byte[] bytes, int length) {
            ensure(length);
            System.arraycopy(bytes, 0, buffer, count, length);
            count += length;
        }

        /** IEEE 754 bits, little-endian. */
        void writeDouble(double d) {
            ensure(8);
            long bits = Double.doubleToRawLongBits(d);
            for (int i = 0; i < 8; i++) {
                buffer[count++] = (byte) (bits >>> (8 * i));
            }
        }

        /** Byte length then UTF-8 bytes, as {@code String.getBytes(UTF_8)} encodes them (ASCII copied directly). */
        void writeString(CharSequence s) {
            int length = s.length();
            int start = count;
            writeLong(length);
            ensure(length);
            int at = count;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    count = start;
                    byte[] utf8 = s.toString().getBytes(StandardCharsets.UTF_8);
                    writeLong(utf8.length);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, buffer, count, utf8.length);
                    count += utf8.length;
                    return;
                }
                buffer[at++] = (byte) c;
            }
            count = at;
        }

        private void ensure(int more) {
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(count + more, buffer.length * 2));
            }
        }
    }
}
