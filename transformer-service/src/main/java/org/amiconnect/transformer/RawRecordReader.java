package org.amiconnect.transformer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads registry-framed raw records into their generated class by a walk over the schema's fields straight from the
 * bytes: each text is decoded once from the record's bytes (Avro's reader copies it into a {@code Utf8} first), and a
 * text equal to the same field's previous one is the same String (a report lists a meter's rows together, so most
 * cells repeat). The records are equal to what {@link AvroDeserializer} reads ({@code RawRecordReaderTest}).
 *
 * <p>The walk covers records whose writer schema has the reader's layout (same fields, types and logical types, in
 * the same order) and whose fields are strings, ints, longs, timestamp-micros, doubles, booleans, maps of those and
 * nested records, each optionally in a union with null. Any other writer schema (an older or newer version that
 * needs Avro's resolution) is read by {@link AvroDeserializer}. Null or empty bytes read as null. Thread-safe: the
 * plans are immutable, the memo of previous texts is per thread.
 */
final class RawRecordReader<T extends SpecificRecord> implements Deserializer<T> {

    private static final String TIMESTAMP_MICROS = LogicalTypes.timestampMicros().getName();

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final AvroDeserializer<T> general;
    /** Per writer schema id; {@link #GENERAL} when the id is read by {@link #general}. */
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();
    /** Per thread: the texts last read with one plan (another plan starts with an empty memo). */
    private final ThreadLocal<Memo> memos = ThreadLocal.withInitial(Memo::new);
    private volatile Plan last;

    private static final Plan GENERAL = new Plan(-1, null, null, 0);

    RawRecordReader(SchemaRegistry registry, Class<T> type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.general = new AvroDeserializer<>(registry, type);
    }

    /**
     * @return the record, or null for null or empty bytes
     * @throws SerializationException when the bytes are not a record readable as {@code T}
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        int id;
        try {
            id = WireFormat.schemaId(data);
        } catch (SerializationException e) {
            return general.deserialize(topic, data); // reports the framing error as the general reader does
        }
        Plan plan = plan(id);
        if (plan == GENERAL) {
            return general.deserialize(topic, data);
        }
        Memo memo = memos.get();
        if (memo.plan != plan) {
            memo.plan = plan;
            memo.texts = new LastText[plan.textSlots];
            for (int i = 0; i < memo.texts.length; i++) {
                memo.texts[i] = new LastText();
            }
        }
        Input in = new Input(data, WireFormat.BODY_OFFSET, memo.texts);
        try {
            @SuppressWarnings("unchecked")
            T record = (T) plan.root.read(in);
            if (in.pos != data.length) {
                throw new IllegalArgumentException((data.length - in.pos) + " bytes left after the record");
            }
            return record;
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot decode a record of " + data.length + " bytes from topic " + topic
                    + " written with schema id " + id + " as " + type.getName() + ": " + e, e);
        }
    }

    private Plan plan(int id) {
        Plan cached = last;
        if (cached != null && cached.id == id) {
            return cached;
        }
        Plan plan = plans.computeIfAbsent(id, this::newPlan);
        last = plan;
        return plan;
    }

    private Plan newPlan(int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (RuntimeException e) {
            return GENERAL; // the general reader reports it
        }
        int[] slots = {0};
        Node root = node(writer, readerSchema, slots);
        return root == null ? GENERAL : new Plan(id, writer, root, slots[0]);
    }

    /** True when records written with {@code writer} are read by the walk, false when by {@link AvroDeserializer}. */
    boolean walks(Schema writer) {
        return node(writer, readerSchema, new int[1]) != null;
    }

    /** The walk over one schema, or null when the writer's and the reader's layouts differ or a type is not covered. */
    private Node node(Schema writer, Schema reader, int[] slots) {
        if (writer.getType() != reader.getType() || !sameLogicalType(writer, reader)) {
            return null;
        }
        return switch (reader.getType()) {
            case STRING -> new Text(slots[0]++);
            case INT -> reader.getLogicalType() == null ? in -> (int) in.readLong() : null;
            case LONG -> reader.getLogicalType() == null ? Input::readLong : null;
            case DOUBLE -> Input::readDouble;
            case BOOLEAN -> Input::readBoolean;
            case UNION -> union(writer, reader, slots);
            case MAP -> {
                Node values = node(writer.getValueType(), reader.getValueType(), slots);
                int keys = slots[0]++;
                yield values == null ? null : in -> in.readMap(keys, values);
            }
            case RECORD -> record(writer, reader, slots);
            default -> null;
        };
    }

    private Node union(Schema writer, Schema reader, int[] slots) {
        List<Schema> w = writer.getTypes();
        List<Schema> r = reader.getTypes();
        if (w.size() != 2 || r.size() != 2) {
            return null;
        }
        int nullBranch = r.get(0).getType() == Schema.Type.NULL ? 0 : r.get(1).getType() == Schema.Type.NULL ? 1 : -1;
        if (nullBranch < 0 || w.get(nullBranch).getType() != Schema.Type.NULL) {
            return null;
        }
        Node value = node(w.get(1 - nullBranch), r.get(1 - nullBranch), slots);
        if (value == null) {
            return null;
        }
        return nullable(nullBranch, value);
    }

    /** A union of null (branch {@code nullBranch}) and {@code value} (the other of the two branches). */
    private static Node nullable(int nullBranch, Node value) {
        return in -> {
            long branch = in.readLong();
            if (branch == nullBranch) {
                return null;
            }
            if (branch != 1 - nullBranch) {
                throw new IllegalArgumentException("union branch " + branch + " of a union of 2");
            }
            return value.read(in);
        };
    }

    private Node record(Schema writer, Schema reader, int[] slots) {
        if (!writer.getFullName().equals(reader.getFullName()) || writer.getFields().size() != reader.getFields().size()) {
            return null;
        }
        Object template = model.newRecord(null, reader);
        if (!(template instanceof SpecificRecordBase base)) {
            return null;
        }
        List<Node> fields = new ArrayList<>();
        for (Schema.Field rf : reader.getFields()) {
            Schema.Field wf = writer.getFields().get(rf.pos());
            if (!wf.name().equals(rf.name())) {
                return null;
            }
            Node field = node(wf.schema(), rf.schema(), slots);
            if (field == null) {
                field = timestamp(wf.schema(), rf.schema(), base.getConversion(rf.pos()));
            }
            if (field == null) {
                return null;
            }
            fields.add(field);
        }
        Node[] nodes = fields.toArray(Node[]::new);
        return in -> {
            SpecificRecordBase record = (SpecificRecordBase) model.newRecord(null, reader);
            for (int i = 0; i < nodes.length; i++) {
                record.put(i, nodes[i].read(in));
            }
            return record;
        };
    }

    /** A timestamp-micros field of the generated class, read as its {@code Instant} (optionally in a union). */
    private static Node timestamp(Schema writer, Schema reader, Conversion<?> conversion) {
        if (!(conversion instanceof TimeConversions.TimestampMicrosConversion)) {
            return null;
        }
        if (isMicros(writer) && isMicros(reader)) {
            return RawRecordReader::instant;
        }
        if (writer.getType() == Schema.Type.UNION && reader.getType() == Schema.Type.UNION
                && writer.getTypes().size() == 2 && reader.getTypes().size() == 2) {
            List<Schema> w = writer.getTypes();
            List<Schema> r = reader.getTypes();
            int nullBranch = r.get(0).getType() == Schema.Type.NULL ? 0 : 1;
            if (w.get(nullBranch).getType() == Schema.Type.NULL && r.get(nullBranch).getType() == Schema.Type.NULL
                    && isMicros(w.get(1 - nullBranch)) && isMicros(r.get(1 - nullBranch))) {
                return nullable(nullBranch, RawRecordReader::instant);
            }
        }
        return null;
    }

    private static boolean isMicros(Schema s) {
        return s.getType() == Schema.Type.LONG && s.getLogicalType() != null
                && s.getLogicalType().getName().equals(TIMESTAMP_MICROS);
    }

    /** As Avro's timestamp-micros conversion reads it. */
    private static Instant instant(Input in) {
        long micros = in.readLong();
        return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
    }

    private static boolean sameLogicalType(Schema a, Schema b) {
        LogicalType la = a.getLogicalType();
        LogicalType lb = b.getLogicalType();
        return la == null ? lb == null : lb != null && la.getName().equals(lb.getName());
    }

    /** The walk for one writer schema id; {@code textSlots} texts are remembered per thread. */
    private record Plan(int id, Schema writer, Node root, int textSlots) {
    }

    /** Reads one value. */
    @FunctionalInterface
    private interface Node {
        Object read(Input in);
    }

    /** A text field: decoded from the bytes, or the previous String of the slot when the bytes are the same. */
    private record Text(int slot) implements Node {
        @Override
        public Object read(Input in) {
            return in.readText(slot);
        }
    }

    /** The record's bytes and a position in them, with the per-thread memo of texts. */
    private static final class Input {
        private final byte[] data;
        private final LastText[] memo;
        private int pos;

        Input(byte[] data, int pos, LastText[] memo) {
            this.data = data;
            this.pos = pos;
            this.memo = memo;
        }

        long readLong() {
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

        Object readDouble() {
            need(8);
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits |= (long) (data[pos++] & 0xFF) << (8 * i);
            }
            return Double.longBitsToDouble(bits);
        }

        Object readBoolean() {
            need(1);
            return data[pos++] != 0;
        }

        /** The text at the position: the slot's previous String when the bytes are the same, else a new one. */
        String readText(int slot) {
            long length = readLong();
            if (length < 0 || length > data.length - pos) {
                throw new IllegalArgumentException("a text of " + length + " bytes with " + (data.length - pos)
                        + " left");
            }
            int n = (int) length;
            LastText last = memo[slot];
            if (last.text != null && last.bytes.length == n && Arrays.equals(last.bytes, 0, n, data, pos, pos + n)) {
                pos += n;
                return last.text;
            }
            last.bytes = Arrays.copyOfRange(data, pos, pos + n);
            last.text = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return last.text;
        }

        Map<String, Object> readMap(int keySlot, Node values) {
            Map<String, Object> map = new HashMap<>();
            long count;
            while ((count = readLong()) != 0) {
                if (count < 0) {
                    count = -count;
                    readLong(); // the block's size in bytes
                }
                for (long i = 0; i < count; i++) {
                    String key = readText(keySlot);
                    map.put(key, values.read(this));
                }
            }
            return map;
        }

        private void need(int n) {
            if (data.length - pos < n) {
                throw new IllegalArgumentException("the record ends inside a value");
            }
        }
    }

    private static final class Memo {
        private Plan plan;
        private LastText[] texts;
    }

    /** The previous text of one field (or map key): its UTF-8 bytes and its String. */
    private static final class LastText {
        private byte[] bytes = new byte[0];
        private String text;
    }
}
