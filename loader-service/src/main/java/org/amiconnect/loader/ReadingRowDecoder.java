package org.amiconnect.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.amiconnect.loader.sink.ColumnType;
import org.amiconnect.loader.sink.TableDef;
import org.amiconnect.loader.sink.WarehouseTables;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes a registry-framed {@link GeneralMeterRead} straight into a row of the readings table
 * ({@link WarehouseTables#READINGS} column order, values typed as the sinks stage them: text as String, timestamps as
 * epoch microseconds, doubles and ints boxed), without building the generated record, its {@code Instant}s and
 * {@code Utf8}-then-String copies: the loader only copies fields into columns, and decoding into records was a third
 * of its thread.
 *
 * <p>The walk follows the writer schema: fields the table has are read, all others skipped; a column without a writer
 * field is null, as the reader schema's defaults are. A writer schema this walk does not cover (a field of another
 * type than the reader's, another record name) is read the general way, through the generated class with Avro's
 * schema resolution, so the rows are the same either way. A text value equal to the column's previous one is the
 * same String instance (org ids, units, battery and connection values repeat). Used by one thread.
 */
final class ReadingRowDecoder {

    private static final TableDef TABLE = WarehouseTables.READINGS;
    private static final Schema READER = GeneralMeterRead.getClassSchema();

    /** How one writer field is read: into a column (with its kind), or skipped. */
    private record FieldPlan(int column, ColumnType kind, int nullBranch, Schema skip) {
    }

    private final SchemaRegistry registry;
    private final AvroDeserializer<GeneralMeterRead> general;
    /** Per writer schema id; null when the schema is read the general way. */
    private final Map<Integer, FieldPlan[]> plans = new HashMap<>();
    private final StringColumn[] strings = new StringColumn[TABLE.columns().size()];
    private BinaryDecoder decoder;
    private int lastId = -1;
    private FieldPlan[] lastPlan;

    ReadingRowDecoder(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.general = new AvroDeserializer<>(registry, GeneralMeterRead.class);
        for (int i = 0; i < strings.length; i++) {
            strings[i] = new StringColumn();
        }
    }

    /**
     * @param data a Schema Registry wire-format record of {@code topic}
     * @return the readings row, in {@link WarehouseTables#READINGS} column order
     * @throws SerializationException when the record cannot be read as a {@link GeneralMeterRead}
     */
    Object[] decode(String topic, byte[] data) {
        int id = WireFormat.schemaId(data);
        FieldPlan[] plan = plan(id, topic);
        if (plan == null) {
            return WarehouseTables.readingRow(general.deserialize(topic, data));
        }
        decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.BODY_OFFSET,
                data.length - WireFormat.BODY_OFFSET, decoder);
        Object[] row = new Object[strings.length];
        try {
            for (FieldPlan field : plan) {
                if (field.column < 0) {
                    GenericDatumReader.skip(field.skip, decoder);
                } else if (field.nullBranch < 0 || decoder.readIndex() != field.nullBranch) {
                    row[field.column] = read(field);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode a record of " + data.length + " bytes from topic " + topic
                    + " written with schema id " + id + " as " + GeneralMeterRead.class.getName() + ": " + e, e);
        }
        return row;
    }

    private Object read(FieldPlan field) throws IOException {
        return switch (field.kind) {
            case TEXT -> strings[field.column].read(decoder);
            case TIMESTAMP, BIGINT -> decoder.readLong();
            case DOUBLE -> decoder.readDouble();
            case INTEGER -> decoder.readInt();
        };
    }

    private FieldPlan[] plan(int id, String topic) {
        if (id == lastId) {
            return lastPlan;
        }
        FieldPlan[] plan;
        if (plans.containsKey(id)) {
            plan = plans.get(id);
        } else {
            plan = planFor(registry.schemaById(id));
            plans.put(id, plan);
        }
        lastId = id;
        lastPlan = plan;
        return plan;
    }

    /** The walk over {@code writer}'s fields, or null when it is to be read through the generated class. */
    static FieldPlan[] planFor(Schema writer) {
        if (writer.getType() != Schema.Type.RECORD || !writer.getFullName().equals(READER.getFullName())) {
            return null;
        }
        List<FieldPlan> plan = new ArrayList<>();
        boolean[] covered = new boolean[TABLE.columns().size()];
        for (Schema.Field field : writer.getFields()) {
            int column = TABLE.columnNames().indexOf(field.name());
            if (column < 0 || READER.getField(field.name()) == null) {
                plan.add(new FieldPlan(-1, null, -1, field.schema()));
                continue;
            }
            ColumnType kind = TABLE.columns().get(column).type();
            Schema type = field.schema();
            int nullBranch = -1;
            if (type.getType() == Schema.Type.UNION) {
                List<Schema> branches = type.getTypes();
                if (TABLE.columns().get(column).notNull() || branches.size() != 2) {
                    return null;
                }
                nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0
                        : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
                if (nullBranch < 0) {
                    return null;
                }
                type = branches.get(1 - nullBranch);
            }
            if (!readsAs(type, kind)) {
                return null;
            }
            covered[column] = true;
            plan.add(new FieldPlan(column, kind, nullBranch, null));
        }
        for (int c = 0; c < covered.length; c++) {
            if (!covered[c] && READER.getField(TABLE.columnNames().get(c)).schema().getType() != Schema.Type.UNION) {
                return null; // a required field the writer lacks: the general way reports it
            }
        }
        return plan.toArray(FieldPlan[]::new);
    }

    /** True when a writer value of {@code type} is exactly what the reader schema reads for a column of {@code kind}. */
    private static boolean readsAs(Schema type, ColumnType kind) {
        LogicalType logical = type.getLogicalType();
        return switch (kind) {
            case TEXT -> type.getType() == Schema.Type.STRING;
            case DOUBLE -> type.getType() == Schema.Type.DOUBLE;
            case INTEGER -> type.getType() == Schema.Type.INT && logical == null;
            case BIGINT -> type.getType() == Schema.Type.LONG && logical == null;
            case TIMESTAMP -> type.getType() == Schema.Type.LONG
                    && (logical == null || logical.getName().equals(LogicalTypes.timestampMicros().getName()));
        };
    }

    /** The last value of one text column: a repeated value is decoded once. */
    private static final class StringColumn {
        private final Utf8 scratch = new Utf8();
        private byte[] lastBytes = new byte[0];
        private String last;

        String read(BinaryDecoder in) throws IOException {
            Utf8 value = in.readString(scratch);
            int length = value.getByteLength();
            byte[] bytes = value.getBytes();
            if (last == null || length != lastBytes.length
                    || !Arrays.equals(bytes, 0, length, lastBytes, 0, length)) {
                lastBytes = Arrays.copyOf(bytes, length);
                last = new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            return last;
        }
    }
}
