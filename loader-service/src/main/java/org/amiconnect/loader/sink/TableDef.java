package org.amiconnect.loader.sink;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A warehouse table: its columns in order and the key rows are upserted by.
 *
 * @param name lower-case table name
 * @param columns the columns, in table order
 * @param key columns identifying a row; empty when the table is not upserted by key (meters keep history)
 * @param keyNullable true when key columns may be null (raw tables: a vendor may leave a key field empty), which
 *     rules out a primary key and needs NULL-safe matching
 */
public record TableDef(String name, List<Column> columns, List<String> key, boolean keyNullable) {

    public TableDef {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("Table " + name + " has column " + c.name() + " twice");
            }
        }
        for (String k : key) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("Table " + name + " has no column " + k + " for its key " + key
                        + "; columns: " + columns.stream().map(Column::name).toList());
            }
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns that are not part of the key: what an upsert overwrites. */
    public List<Column> valueColumns() {
        return columns.stream().filter(c -> !key.contains(c.name())).toList();
    }

    /**
     * The position of a column in {@link #columns()}, i.e. its index in a row of this table.
     *
     * @throws IllegalArgumentException when the table has no such column
     */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Table " + name + " has no column " + columnName);
    }

    public Column column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Table " + name + " has no column " + columnName));
    }
}
