package org.amiconnect.schemas.serde;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;

/**
 * Writes generated records straight into Avro's binary encoding, for the schemas the raw records and the standard
 * model's meters and reads have: every field a {@code string}, an {@code int}, a {@code long} (a timestamp through
 * the record's conversion, as {@code SpecificDatumWriter} converts it), a {@code double}, an array of strings, a map
 * of strings or of ints, or a nested such record, each either required or in a union with {@code null} (except a
 * nested record, which must be required; an {@code int} or {@code double} with a logical type is not written). Per
 * field it is one switch on a kind fixed when the schema is first seen, instead of Avro's per-value type dispatch,
 * union resolution and a byte array per string; the bytes are the same as {@code SpecificDatumWriter}'s (tested on
 * every raw record type and on random meters and reads). Strings, array items and map values may be {@code String}s
 * or {@code Utf8}s.
 *
 * <p>{@link #of} returns null for a schema with any other field type. {@link #encode} returns false as soon as a
 * value is not of the type its field's kind expects (a null where none is allowed, a {@code CharSequence} that is
 * neither a {@code String} nor a {@code Utf8}, a {@code Long} in an {@code int} field, a record that is not
 * generated, ...): the caller then writes the record with Avro's own writer, which encodes it or fails with Avro's own
 * error.
 *
 * <p>Immutable after {@link #of} apart from a per-field cache of union timestamp conversions, which holds immutable
 * entries (a racing thread at worst looks the conversion up again); safe to share between threads.
 */
final class DirectRecordEncoder {

    private static final int STRING = 0;
    private static final int LONG = 1;
    private static final int INT = 2;
    private static final int DOUBLE = 3;
    private static final int RECORD = 4;
    private static final int STRING_MAP = 5;
    private static final int INT_MAP = 6;
    private static final int STRING_ARRAY = 7;

    /** The conversion a union's logical-type value of one class is written with, for one record model. */
    private record UnionConversion(SpecificData model, Class<?> type, Conversion<?> conversion) {
    }

    /** Per field, the kind of its value (of the non-null branch for a union). */
    private final int[] kinds;
    /** Per field, the index of its union's {@code null} branch (the value branch is the other one); -1: no union. */
    private final int[] nullBranches;
    private final DirectRecordEncoder[] records;
    /** Per field, the schema of its value (of the non-null branch for a union). */
    private final Schema[] schemas;
    private final LogicalType[] logicalTypes;
    /** Per union field with a logical-type long: the last conversion looked up (immutable entries; benign race). */
    private final UnionConversion[] unionConversions;

    private DirectRecordEncoder(int size) {
        kinds = new int[size];
        nullBranches = new int[size];
        records = new DirectRecordEncoder[size];
        schemas = new Schema[size];
        logicalTypes = new LogicalType[size];
        unionConversions = new UnionConversion[size];
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
            encoder.nullBranches[i] = -1;
            if (field.getType() == Schema.Type.UNION) {
                List<Schema> branches = field.getTypes();
                if (branches.size() != 2) {
                    return null;
                }
                int nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
                if (branches.get(nullBranch).getType() != Schema.Type.NULL) {
                    return null;
                }
                encoder.nullBranches[i] = nullBranch;
                field = branches.get(1 - nullBranch);
                Schema.Type type = field.getType();
                if (type == Schema.Type.RECORD
                        || (field.getLogicalType() != null && type != Schema.Type.LONG)) {
                    return null;
                }
            }
            encoder.schemas[i] = field;
            encoder.logicalTypes[i] = field.getLogicalType();
            int kind = kindOf(field);
            if (kind < 0) {
                return null;
            }
            encoder.kinds[i] = kind;
            if (kind == RECORD) {
                encoder.records[i] = of(field);
                if (encoder.records[i] == null) {
                    return null;
                }
            }
        }
        return encoder;
    }

    /** The kind of a value of type {@code type}, or -1 when this encoder does not write it. */
    private static int kindOf(Schema type) {
        boolean logical = type.getLogicalType() != null;
        return switch (type.getType()) {
            case STRING -> STRING;
            case LONG -> LONG;
            case INT -> logical ? -1 : INT;
            case DOUBLE -> logical ? -1 : DOUBLE;
            case RECORD -> RECORD;
            case MAP -> elements(type.getValueType(), true);
            case ARRAY -> elements(type.getElementType(), false);
            default -> -1;
        };
    }

    /** The kind of a map of, or an array of, {@code element}s; -1 when this encoder does not write it. */
    private static int elements(Schema element, boolean map) {
        if (element.getLogicalType() != null) {
            return -1;
        }
        return switch (element.getType()) {
            case STRING -> map ? STRING_MAP : STRING_ARRAY;
            case INT -> map ? INT_MAP : -1;
            default -> -1;
        };
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
        int[] nullBranches = this.nullBranches;
        for (int i = 0; i < kinds.length; i++) {
            Object value = record.get(i);
            int nullBranch = nullBranches[i];
            if (value == null) {
                if (nullBranch < 0) {
                    return false;
                }
                out.writeLong(nullBranch);
                continue;
            }
            if (nullBranch >= 0) {
                out.writeLong(1 - nullBranch);
            }
            boolean written = switch (kinds[i]) {
                case STRING -> string(value, out);
                case LONG -> nullBranch < 0 ? timestampOrLong(generated, i, value, out)
                        : unionTimestampOrLong(generated, i, value, out);
                case INT -> {
                    if (value instanceof Integer n) {
                        out.writeLong(n);
                        yield true;
                    }
                    yield false;
                }
                case DOUBLE -> {
                    if (value instanceof Double d) {
                        out.writeDouble(d);
                        yield true;
                    }
                    yield false;
                }
                case RECORD -> value instanceof IndexedRecord nested && records[i].encode(nested, out);
                case STRING_ARRAY -> value instanceof Collection<?> items && array(items, out);
                default -> value instanceof Map<?, ?> map && map(map, kinds[i] == STRING_MAP, out);
            };
            if (!written) {
                return false;
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

    /**
     * The value branch of a union with a {@code long}: as Avro writes a union's branch, converted by the record
     * model's conversion for the value's class and the branch's logical type when there is one (an {@code Instant} in
     * a timestamp), else written as the {@code Long} it must be.
     */
    private boolean unionTimestampOrLong(SpecificRecordBase record, int field, Object value, ReusableOutput out) {
        LogicalType logicalType = logicalTypes[field];
        Conversion<?> conversion = null;
        if (logicalType != null) {
            SpecificData model = record.getSpecificData();
            UnionConversion cached = unionConversions[field];
            if (cached == null || cached.model() != model || cached.type() != value.getClass()) {
                cached = new UnionConversion(model, value.getClass(),
                        model.getConversionByClass(value.getClass(), logicalType));
                unionConversions[field] = cached;
            }
            conversion = cached.conversion();
        }
        if (conversion == null) {
            if (!(value instanceof Long n)) {
                return false;
            }
            out.writeLong(n);
            return true;
        }
        out.writeLong(toLong(conversion, value, schemas[field], logicalType));
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

    /** Avro's array encoding of strings: one block of all items (count, then each item), then an empty block. */
    private static boolean array(Collection<?> items, ReusableOutput out) {
        int size = items.size();
        if (size > 0) {
            out.writeLong(size);
        }
        int written = 0;
        for (Object item : items) {
            if (item == null || !string(item, out)) {
                return false;
            }
            written++;
        }
        out.writeLong(0);
        return written == size;
    }
}
