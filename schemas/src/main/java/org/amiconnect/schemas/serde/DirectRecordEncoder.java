package org.amiconnect.schemas.serde;

import java.util.List;
import java.util.Map;

import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;

/**
 * Writes generated records straight into Avro's binary encoding, for the schemas raw records have: every field a
 * {@code string}, a {@code long} (a timestamp through the record's own conversion, as {@code SpecificDatumWriter}
 * converts it), a nested such record, or a union of {@code null} with one of {@code string}, {@code long}, a map of
 * strings or a map of ints. Per field it is one switch on a kind fixed when the schema is first seen, instead of
 * Avro's per-value type dispatch, union resolution and a byte array per string; the bytes are the same as
 * {@code SpecificDatumWriter}'s (tested on every record type).
 *
 * <p>{@link #of} returns null for a schema with any other field type. {@link #encode} returns false as soon as a
 * value is not of the type its field's kind expects (a null where none is allowed, a {@code CharSequence} that is
 * neither a {@code String} nor a {@code Utf8}, a record that is not generated, ...): the caller then writes the record
 * with Avro's own writer, which encodes it or fails with Avro's own error.
 */
final class DirectRecordEncoder {

    private static final int STRING = 0;
    private static final int LONG = 1;
    private static final int RECORD = 2;
    private static final int NULLABLE_STRING = 3;
    private static final int NULLABLE_LONG = 4;
    private static final int NULLABLE_STRING_MAP = 5;
    private static final int NULLABLE_INT_MAP = 6;

    private final int[] kinds;
    /** For a union, the index of its {@code null} branch (the value branch is the other one). */
    private final int[] nullBranches;
    private final DirectRecordEncoder[] records;
    private final Schema[] schemas;
    private final LogicalType[] logicalTypes;

    private DirectRecordEncoder(int size) {
        kinds = new int[size];
        nullBranches = new int[size];
        records = new DirectRecordEncoder[size];
        schemas = new Schema[size];
        logicalTypes = new LogicalType[size];
    }

    /**
     * @param schema a record schema
     * @return the encoder of records of {@code schema}, or null when a field has a type it does not write
     */
    static DirectRecordEncoder of(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        List<Schema.Field> fields = schema.getFields();
        DirectRecordEncoder encoder = new DirectRecordEncoder(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Schema field = fields.get(i).schema();
            encoder.schemas[i] = field;
            encoder.logicalTypes[i] = field.getLogicalType();
            switch (field.getType()) {
                case STRING -> encoder.kinds[i] = STRING;
                case LONG -> encoder.kinds[i] = LONG;
                case RECORD -> {
                    encoder.kinds[i] = RECORD;
                    encoder.records[i] = of(field);
                    if (encoder.records[i] == null) {
                        return null;
                    }
                }
                case UNION -> {
                    if (!nullable(field, encoder, i)) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return encoder;
    }

    /** Fills in field {@code i} for a union of null and one supported type; false for any other union. */
    private static boolean nullable(Schema union, DirectRecordEncoder encoder, int i) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2) {
            return false;
        }
        int nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
        Schema value = branches.get(1 - nullBranch);
        if (branches.get(nullBranch).getType() != Schema.Type.NULL || value.getLogicalType() != null) {
            return false;
        }
        encoder.nullBranches[i] = nullBranch;
        switch (value.getType()) {
            case STRING -> encoder.kinds[i] = NULLABLE_STRING;
            case LONG -> encoder.kinds[i] = NULLABLE_LONG;
            case MAP -> {
                Schema.Type values = value.getValueType().getType();
                if (value.getValueType().getLogicalType() != null
                        || (values != Schema.Type.STRING && values != Schema.Type.INT)) {
                    return false;
                }
                encoder.kinds[i] = values == Schema.Type.STRING ? NULLABLE_STRING_MAP : NULLABLE_INT_MAP;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the binary encoding of {@code record} to {@code out}.
     *
     * @return false when a value is not one this encoder writes; what was appended must then be discarded
     */
    boolean encode(IndexedRecord record, ReusableOutput out) {
        if (!(record instanceof SpecificRecordBase generated)) {
            return false;
        }
        int[] kinds = this.kinds;
        for (int i = 0; i < kinds.length; i++) {
            Object value = record.get(i);
            switch (kinds[i]) {
                case NULLABLE_STRING -> {
                    if (value == null) {
                        out.writeLong(nullBranches[i]);
                    } else {
                        out.writeLong(1 - nullBranches[i]);
                        if (!string(value, out)) {
                            return false;
                        }
                    }
                }
                case STRING -> {
                    if (value == null || !string(value, out)) {
                        return false;
                    }
                }
                case LONG -> {
                    if (!timestampOrLong(generated, i, value, out)) {
                        return false;
                    }
                }
                case RECORD -> {
                    if (!(value instanceof IndexedRecord nested) || !records[i].encode(nested, out)) {
                        return false;
                    }
                }
                case NULLABLE_LONG -> {
                    if (value == null) {
                        out.writeLong(nullBranches[i]);
                    } else if (value instanceof Long n) {
                        out.writeLong(1 - nullBranches[i]);
                        out.writeLong(n);
                    } else {
                        return false;
                    }
                }
                default -> {
                    if (value == null) {
                        out.writeLong(nullBranches[i]);
                    } else if (value instanceof Map<?, ?> map) {
                        out.writeLong(1 - nullBranches[i]);
                        if (!map(map, kinds[i] == NULLABLE_STRING_MAP, out)) {
                            return false;
                        }
                    } else {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean string(Object value, ReusableOutput out) {
        if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Utf8 utf8) {
            out.writeBytes(utf8.getBytes(), utf8.getByteLength());
        } else {
            return false;
        }
        return true;
    }

    /** A {@code long}, converted first by the record's conversion for the field when it has one (timestamps). */
    private boolean timestampOrLong(SpecificRecordBase record, int field, Object value, ReusableOutput out) {
        Conversion<?> conversion = logicalTypes[field] == null ? null : record.getConversion(field);
        if (conversion == null) {
            if (!(value instanceof Long n)) {
                return false;
            }
            out.writeLong(n);
            return true;
        }
        if (!conversion.getConvertedType().isInstance(value)) {
            return false;
        }
        out.writeLong(toLong(conversion, value, schemas[field], logicalTypes[field]));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> long toLong(Conversion<T> conversion, Object value, Schema schema, LogicalType type) {
        return conversion.toLong((T) value, schema, type);
    }

    /** Avro's map encoding: one block of all entries (count, then key and value each), then an empty block. */
    private static boolean map(Map<?, ?> map, boolean strings, ReusableOutput out) {
        int size = map.size();
        if (size > 0) {
            out.writeLong(size);
        }
        int written = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            if (key == null || value == null) {
                return false;
            }
            out.writeString(key.toString());
            if (strings) {
                if (!string(value, out)) {
                    return false;
                }
            } else if (value instanceof Integer n) {
                out.writeLong(n);
            } else {
                return false;
            }
            written++;
        }
        out.writeLong(0);
        return written == size;
    }
}
