package org.amiconnect.schemas.serde;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.amiconnect.schemas.registry.SchemaRegistry;
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
 * Reads registry-framed records into their generated class by a walk over the schema's fields straight from the
 * bytes ({@link RecordBytes}), the decoding twin of {@link DirectRecordEncoder}: each text is decoded once from the
 * record's bytes (Avro's reader copies it into a {@code Utf8} first), a text equal to the same field's previous one is
 * the same String and a timestamp equal to its previous one the same {@code Instant} (a report lists a meter's rows
 * together, so most cells repeat), and a record is made through its constructor without reflection. The records are
 * equal to what {@link AvroDeserializer} reads ({@code RawRecordReaderTest}). Used by the transformer for raw topics
 * and by the loader for the raw tables.
 *
 * <p>The walk covers records whose writer schema has the reader's layout (same fields, types and logical types, in
 * the same order) and whose fields are strings, ints, longs, timestamp-micros, doubles, booleans, maps of those and
 * nested records, each optionally in a union with null. Any other writer schema (an older or newer version that
 * needs Avro's resolution) is read by {@link AvroDeserializer}. Null or empty bytes read as null. Thread-safe: the
 * plans are immutable, the cursor with its memo of previous texts and timestamps is per thread.
 *
 * @param <T> the generated record class
 */
public final class RawRecordReader<T extends SpecificRecord> implements Deserializer<T> {

    private static final String TIMESTAMP_MICROS = LogicalTypes.timestampMicros().getName();

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final AvroDeserializer<T> general;
    /** Per writer schema id; {@link #GENERAL} when the id is read by {@link #general}. */
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();
    /** Per thread: the cursor, with the texts and timestamps last read, of one plan (another plan starts afresh). */
    private final ThreadLocal<Memo> memos = ThreadLocal.withInitial(Memo::new);
    private volatile Plan last;

    private static final Plan GENERAL = new Plan(-1, null, null, 0, 0);

    /**
     * @param registry resolves the writer schema ids of the records read
     * @param type the generated class the records are read into (its schema is the reader schema)
     */
    public RawRecordReader(SchemaRegistry registry, Class<T> type) {
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
            memo.input = new RecordBytes(plan.textSlots, plan.instantSlots);
        }
        RecordBytes in = memo.input.start(data, WireFormat.BODY_OFFSET);
        try {
            @SuppressWarnings("unchecked")
            T record = (T) plan.root.read(in);
            if (in.remaining() != 0) {
                throw new IllegalArgumentException(in.remaining() + " bytes left after the record");
            }
            return record;
        } catch (RuntimeException e) {
            in.release(); // a bad record is not kept reachable from the thread
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
        int[] slots = {0, 0};
        Node root = node(writer, readerSchema, slots);
        return root == null ? GENERAL : new Plan(id, writer, root, slots[0], slots[1]);
    }

    /** True when records written with {@code writer} are read by the walk, false when by {@link AvroDeserializer}. */
    public boolean walks(Schema writer) {
        return node(writer, readerSchema, new int[2]) != null;
    }

    /**
     * The walk over one schema, or null when the writer's and the reader's layouts differ or a type is not covered.
     * {@code slots[0]} counts the text memo slots handed out so far, {@code slots[1]} the timestamp ones.
     */
    private Node node(Schema writer, Schema reader, int[] slots) {
        if (writer.getType() != reader.getType() || !sameLogicalType(writer, reader)) {
            return null;
        }
        return switch (reader.getType()) {
            case STRING -> new Text(slots[0]++);
            case INT -> reader.getLogicalType() == null ? in -> (int) in.readLong() : null;
            case LONG -> reader.getLogicalType() == null ? RecordBytes::readLong : null;
            case DOUBLE -> RecordBytes::readDouble;
            case BOOLEAN -> RecordBytes::readBoolean;
            case UNION -> union(writer, reader, slots);
            case MAP -> {
                Node values = node(writer.getValueType(), reader.getValueType(), slots);
                int keys = slots[0]++;
                yield values == null ? null : in -> readMap(in, keys, values);
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
        Supplier<Object> create = constructor(template.getClass(), () -> model.newRecord(null, reader));
        List<Node> fields = new ArrayList<>();
        for (Schema.Field rf : reader.getFields()) {
            Schema.Field wf = writer.getFields().get(rf.pos());
            if (!wf.name().equals(rf.name())) {
                return null;
            }
            Node field = node(wf.schema(), rf.schema(), slots);
            if (field == null) {
                field = timestamp(wf.schema(), rf.schema(), base.getConversion(rf.pos()), slots);
            }
            if (field == null) {
                return null;
            }
            fields.add(field);
        }
        Node[] nodes = fields.toArray(Node[]::new);
        return in -> {
            SpecificRecordBase record = (SpecificRecordBase) create.get();
            for (int i = 0; i < nodes.length; i++) {
                record.put(i, nodes[i].read(in));
            }
            return record;
        };
    }

    /**
     * A new generated record through its public no-argument constructor, as {@link SpecificData#newRecord} makes it
     * but without its per-call reflection; {@code fallback} when the class has no such constructor.
     */
    @SuppressWarnings("unchecked")
    private static Supplier<Object> constructor(Class<?> type, Supplier<Object> fallback) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle ctor = lookup.findConstructor(type, MethodType.methodType(void.class));
            return (Supplier<Object>) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
                    MethodType.methodType(Object.class), ctor, MethodType.methodType(type)).getTarget().invoke();
        } catch (Throwable e) {
            return fallback;
        }
    }

    /** A timestamp-micros field of the generated class, read as its {@code Instant} (optionally in a union). */
    private static Node timestamp(Schema writer, Schema reader, Conversion<?> conversion, int[] slots) {
        if (!(conversion instanceof TimeConversions.TimestampMicrosConversion)) {
            return null;
        }
        if (isMicros(writer) && isMicros(reader)) {
            int slot = slots[1]++;
            return in -> in.readInstant(slot);
        }
        if (writer.getType() == Schema.Type.UNION && reader.getType() == Schema.Type.UNION
                && writer.getTypes().size() == 2 && reader.getTypes().size() == 2) {
            List<Schema> w = writer.getTypes();
            List<Schema> r = reader.getTypes();
            int nullBranch = r.get(0).getType() == Schema.Type.NULL ? 0 : 1;
            if (w.get(nullBranch).getType() == Schema.Type.NULL && r.get(nullBranch).getType() == Schema.Type.NULL
                    && isMicros(w.get(1 - nullBranch)) && isMicros(r.get(1 - nullBranch))) {
                int slot = slots[1]++;
                return nullable(nullBranch, in -> in.readInstant(slot));
            }
        }
        return null;
    }

    private static boolean isMicros(Schema s) {
        return s.getType() == Schema.Type.LONG && s.getLogicalType() != null
                && s.getLogicalType().getName().equals(TIMESTAMP_MICROS);
    }


    private static boolean sameLogicalType(Schema a, Schema b) {
        LogicalType la = a.getLogicalType();
        LogicalType lb = b.getLogicalType();
        return la == null ? lb == null : lb != null && la.getName().equals(lb.getName());
    }

    /** The walk for one writer schema id; {@code textSlots} texts and {@code instantSlots} timestamps are remembered per thread. */
    private record Plan(int id, Schema writer, Node root, int textSlots, int instantSlots) {
    }

    /** Reads one value. */
    @FunctionalInterface
    private interface Node {
        Object read(RecordBytes in);
    }

    /** A text field: decoded from the bytes, or the previous String of the slot when the bytes are the same. */
    private record Text(int slot) implements Node {
        @Override
        public Object read(RecordBytes in) {
            return in.readText(slot);
        }
    }

    /** A map, as Avro's reader fills a {@code HashMap}; its keys share text slot {@code keySlot}. */
    private static Map<String, Object> readMap(RecordBytes in, int keySlot, Node values) {
        Map<String, Object> map = new HashMap<>();
        long count;
        while ((count = in.readLong()) != 0) {
            if (count < 0) {
                count = -count;
                in.readLong(); // the block's size in bytes
            }
            for (long i = 0; i < count; i++) {
                String key = in.readText(keySlot);
                map.put(key, values.read(in));
            }
        }
        return map;
    }

    private static final class Memo {
        private Plan plan;
        private RecordBytes input;
    }
}
