package org.amiconnect.loader.sink;

import static org.amiconnect.loader.sink.Column.nullable;
import static org.amiconnect.loader.sink.Column.required;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.amiconnect.core.adapter.RawEntity;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The raw "base" table of one {@link RawEntity}: org_id, created_time (load time), the entity's derived columns,
 * then every top-level field of the raw record as text under its lower-cased name, except the nested extract
 * metadata, which becomes run_id, extracted_at, source, source_record, extra_columns (cells of columns the source
 * carried beyond the record's fields) and local_time_offsets (the UTC offsets the extractor chose for naive local
 * times in the repeated fall-back hour), the last two as JSON objects with sorted keys. Rows are unique by org_id, the
 * entity's {@code uniqueBy} columns and local_time_offsets: the two reads of one meter at the same naive time in the
 * fall-back hour (daylight time, then standard time) are two rows, as they are two reads.
 */
public final class RawTable {

    /** The field of every raw record that holds its {@code ExtractMetadata}. */
    public static final String EXTRACT_FIELD = "extract";
    /** The column with the resolved UTC offsets of naive local times, part of every raw table's key. */
    public static final String LOCAL_TIME_OFFSETS = "local_time_offsets";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one column's value from a raw record; {@code loadMicros} is the batch's load time. */
    private interface ValueSource {
        Object value(IndexedRecord record, long loadMicros);
    }

    private final RawEntity entity;
    private final TableDef definition;
    private final List<ValueSource> sources;
    private final int[] keyColumns;
    private final int extractPos;
    private final int orgPos;
    private final int runIdPos;

    private RawTable(RawEntity entity) {
        this.entity = Objects.requireNonNull(entity, "entity");
        Schema schema = SpecificData.get().getSchema(entity.recordClass());
        String what = "raw entity " + entity.vendor() + "/" + entity.name() + " (" + schema.getFullName() + ")";
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(what + " is not an Avro record");
        }
        Schema.Field extract = schema.getField(EXTRACT_FIELD);
        if (extract == null || extract.schema().getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(what + " has no '" + EXTRACT_FIELD + "' record field with its extract"
                    + " metadata, which every raw record needs (it names the record's org)");
        }
        Schema extractSchema = extract.schema();
        this.extractPos = extract.pos();
        this.orgPos = requiredField(extractSchema, "org_id", what).pos();
        this.runIdPos = requiredField(extractSchema, "run_id", what).pos();

        List<Column> columns = new ArrayList<>();
        List<ValueSource> values = new ArrayList<>();
        columns.add(required("org_id", ColumnType.TEXT));
        values.add((r, load) -> orgOf(r));
        columns.add(nullable("created_time", ColumnType.TIMESTAMP));
        values.add((r, load) -> load);
        // sorted, so the table's column order does not depend on the map's iteration order
        for (Map.Entry<String, String> derived : new TreeMap<>(entity.derivedColumns()).entrySet()) {
            Schema.Field field = schema.getField(derived.getValue());
            if (field == null) {
                throw new IllegalArgumentException(what + ": derived column " + derived.getKey() + " reads field '"
                        + derived.getValue() + "', which the record does not have");
            }
            int pos = field.pos();
            columns.add(nullable(derived.getKey().toLowerCase(Locale.ROOT), ColumnType.TEXT));
            values.add((r, load) -> text(r.get(pos)));
        }
        for (Schema.Field field : schema.getFields()) {
            int pos = field.pos();
            if (pos == extractPos) {
                int runId = requiredField(extractSchema, "run_id", what).pos();
                int extractedAt = requiredField(extractSchema, "extracted_at", what).pos();
                int source = requiredField(extractSchema, "source", what).pos();
                Schema.Field sourceRecord = extractSchema.getField("source_record");
                columns.add(nullable("run_id", ColumnType.TEXT));
                values.add((r, load) -> text(extract(r).get(runId)));
                columns.add(nullable("extracted_at", ColumnType.TIMESTAMP));
                values.add((r, load) -> micros(extract(r).get(extractedAt)));
                columns.add(nullable("source", ColumnType.TEXT));
                values.add((r, load) -> text(extract(r).get(source)));
                columns.add(nullable("source_record", ColumnType.BIGINT));
                values.add(sourceRecord == null ? (r, load) -> null
                        : (r, load) -> (Long) extract(r).get(sourceRecord.pos()));
                for (String mapField : List.of("extra_columns", LOCAL_TIME_OFFSETS)) {
                    Schema.Field f = extractSchema.getField(mapField);
                    if (f != null) {
                        columns.add(nullable(mapField, ColumnType.TEXT));
                        values.add((r, load) -> json(extract(r).get(f.pos())));
                    }
                }
            } else {
                columns.add(nullable(field.name().toLowerCase(Locale.ROOT), ColumnType.TEXT));
                values.add((r, load) -> text(r.get(pos)));
            }
        }
        List<String> key = new ArrayList<>();
        key.add("org_id");
        entity.uniqueBy().forEach(c -> key.add(c.toLowerCase(Locale.ROOT)));
        if (columns.stream().anyMatch(c -> c.name().equals(LOCAL_TIME_OFFSETS))) {
            key.add(LOCAL_TIME_OFFSETS);
        }
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException(what + ": table " + entity.table() + " would have column "
                        + c.name() + " twice (a derived column or a field clashes with another column)");
            }
        }
        try {
            this.definition = new TableDef(entity.table().toLowerCase(Locale.ROOT), columns, key, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        this.sources = List.copyOf(values);
        this.keyColumns = key.stream().mapToInt(k -> definition.columnNames().indexOf(k)).toArray();
    }

    public static RawTable of(RawEntity entity) {
        return new RawTable(entity);
    }

    public static List<RawTable> of(List<RawEntity> entities) {
        return entities.stream().map(RawTable::of).toList();
    }

    public RawEntity entity() {
        return entity;
    }

    public String name() {
        return definition.name();
    }

    public TableDef definition() {
        return definition;
    }

    /** The org a raw record belongs to, from its extract metadata. */
    public String orgOf(IndexedRecord record) {
        return text(extract(record).get(orgPos));
    }

    /** The extract run a raw record came from, from its extract metadata. */
    public String runOf(IndexedRecord record) {
        return text(extract(record).get(runIdPos));
    }

    /** One table row for the record, in column order. */
    public Object[] row(IndexedRecord record, Instant loadTime) {
        long load = Micros.of(loadTime);
        Object[] row = new Object[sources.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = sources.get(i).value(record, load);
        }
        return row;
    }

    /** The values of the unique key of a row built by {@link #row}. */
    List<Object> key(Object[] row) {
        List<Object> key = new ArrayList<>(keyColumns.length);
        for (int c : keyColumns) {
            key.add(row[c]);
        }
        return key;
    }

    private IndexedRecord extract(IndexedRecord record) {
        Object value = record.get(extractPos);
        if (!(value instanceof IndexedRecord metadata)) {
            throw new IllegalArgumentException("Raw record of " + entity.vendor() + "/" + entity.name()
                    + " has no extract metadata");
        }
        return metadata;
    }

    private static Schema.Field requiredField(Schema schema, String name, String what) {
        Schema.Field f = schema.getField(name);
        if (f == null) {
            throw new IllegalArgumentException(what + ": its extract metadata " + schema.getFullName() + " has no field "
                    + name);
        }
        return f;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A map as a JSON object with sorted keys (so equal maps are equal text, as a key needs), or null. */
    private static String json(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(k.toString(), v instanceof CharSequence cs ? cs.toString() : v));
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + map + " as JSON: " + e.getMessage(), e);
        }
    }

    private static Long micros(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return Micros.of(instant);
        }
        // a record read without logical-type conversions carries timestamp-micros as a long
        return ((Number) value).longValue();
    }

    @Override
    public String toString() {
        return "RawTable[" + definition.name() + " ← " + entity.vendor() + "/" + entity.name() + "]";
    }
}
