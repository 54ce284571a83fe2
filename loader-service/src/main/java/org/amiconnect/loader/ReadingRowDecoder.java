package org.amiconnect.loader;

import java.util.ArrayList;
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
import org.amiconnect.schemas.serde.RecordBytes;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
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
 * schema resolution, so the rows are the same either way. The bytes are read with schemas' {@link RecordBytes}, the
 * cursor {@link org.amiconnect.schemas.serde.RawRecordReader} reads with: a text value equal to the column's previous
 * one is the same String instance (org ids, units, battery and connection values repeat). The walk itself stays
 * here rather than in {@code RawRecordReader}: it reads into table columns, not into a generated record, so no record,
 * {@code Instant} or per-field put is made. Used by one thread.
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
    private final int columns = TABLE.columns().size();
    /** The record's bytes; text slot i is column i. */
    private final RecordBytes in = new RecordBytes(columns, 0);
    private int lastId = -1;
    private FieldPlan[] lastPlan;

    ReadingRowDecoder(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.general = new AvroDeserializer<>(registry, GeneralMeterRead.class);
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
        in.start(data, WireFormat.BODY_OFFSET);
        Object[] row = new Object[columns];
        try {
            for (FieldPlan field : plan) {
                if (field.column < 0) {
                    in.skip(field.skip);
                } else if (field.nullBranch < 0 || in.readInt() != field.nullBranch) {
                    row[field.column] = read(field);
                }
            }
        } catch (RuntimeException e) {
            in.release();
            throw new SerializationException("Cannot decode a record of " + data.length + " bytes from topic " + topic
                    + " written with schema id " + id + " as " + GeneralMeterRead.class.getName() + ": " + e, e);
        }
        return row;
    }

    private Object read(FieldPlan field) {
        return switch (field.kind) {
            case TEXT -> in.readText(field.column);
            case TIMESTAMP, BIGINT -> in.readLong();
            case DOUBLE -> in.readDouble();
            case INTEGER -> in.readInt();
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
}
