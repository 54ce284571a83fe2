package org.amiconnect.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Rows of one query → raw Avro records, each column matched to the record field of the same name (case-insensitive:
 * Oracle reports {@code READ_DTM}, the record names it {@code read_dtm}), never by position: the predecessor mapped
 * rows positionally, so a table whose columns were reordered or extended loaded values into the wrong fields.
 * Columns the record does not declare are kept in {@code extract.extra_columns}. A required field without a column
 * is a {@link MissingColumnsException} before the first row is read; another field without one stays null and is
 * named in {@link #missingOptional()} (the extract warns).
 *
 * @param <T> the raw record class
 */
public final class RawRowMapper<T extends SpecificRecord> {

    private final Supplier<T> factory;
    private final int[] fieldOf;
    private final CellText[] kinds;
    private final String[] labels;
    private final boolean extras;
    private final List<String> missingOptional;

    private RawRowMapper(Supplier<T> factory, int[] fieldOf, CellText[] kinds, String[] labels, boolean extras,
            List<String> missingOptional) {
        this.factory = factory;
        this.fieldOf = fieldOf;
        this.kinds = kinds;
        this.labels = labels;
        this.extras = extras;
        this.missingOptional = List.copyOf(missingOptional);
    }

    /**
     * Matches the query's columns to the record's fields.
     *
     * @param schema the raw record's schema (string fields plus {@code extract})
     * @param factory makes an empty record
     * @param table the table, named in the error
     * @param required the fields (lower case) the vendor's rules need: without them no row can be used
     * @throws MissingColumnsException when a required field has no column, naming the table and every one
     */
    public static <T extends SpecificRecord> RawRowMapper<T> of(ResultSetMetaData meta, Schema schema,
            Supplier<T> factory, String table, Set<String> required)
            throws SQLException, MissingColumnsException {
        int n = meta.getColumnCount();
        Map<String, Schema.Field> fields = new LinkedHashMap<>();
        for (Schema.Field f : schema.getFields()) {
            if (!f.name().equals("extract")) {
                fields.put(f.name().toLowerCase(Locale.ROOT), f);
            }
        }
        int[] fieldOf = new int[n];
        CellText[] kinds = new CellText[n];
        String[] labels = new String[n];
        boolean extras = false;
        for (int c = 1; c <= n; c++) {
            labels[c - 1] = meta.getColumnLabel(c);
            kinds[c - 1] = CellText.of(meta, c);
            Schema.Field f = fields.remove(labels[c - 1].toLowerCase(Locale.ROOT));
            fieldOf[c - 1] = f == null ? -1 : f.pos();
            extras |= f == null;
        }
        List<String> missingRequired = fields.keySet().stream().filter(required::contains).toList();
        if (!missingRequired.isEmpty()) {
            throw new MissingColumnsException(table, missingRequired);
        }
        return new RawRowMapper<>(factory, fieldOf, kinds, labels, extras, new ArrayList<>(fields.keySet()));
    }

    /** The current row as a raw record carrying {@code extract} (its extra columns added). */
    public T map(ResultSet row, ExtractMetadata extract) throws SQLException {
        T record = factory.get();
        Map<String, String> extra = extras ? new LinkedHashMap<>() : null;
        for (int c = 0; c < fieldOf.length; c++) {
            String text = kinds[c].read(row, c + 1);
            if (fieldOf[c] >= 0) {
                record.put(fieldOf[c], text);
            } else if (text != null) {
                extra.put(labels[c], text);
            }
        }
        ExtractMetadata e = ExtractMetadata.newBuilder(extract)
                .setExtraColumns(extra == null || extra.isEmpty() ? null : extra).build();
        record.put(record.getSchema().getField("extract").pos(), e);
        return record;
    }

    /** Fields of the record the table has no column for (not required; they stay null). */
    public List<String> missingOptional() {
        return missingOptional;
    }

    /** The columns the query returned that the record does not declare (kept in {@code extract.extra_columns}). */
    public List<String> extraColumns() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < fieldOf.length; c++) {
            if (fieldOf[c] < 0) {
                out.add(labels[c]);
            }
        }
        return out;
    }

    /** A table lacks columns its raw record declares. */
    public static final class MissingColumnsException extends Exception {

        public MissingColumnsException(String table, List<String> missing) {
            super("table " + table + " has no column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + "; the raw record needs " + (missing.size() == 1 ? "it" : "them")
                    + " (columns are matched by name, in any order)");
        }
    }
}
