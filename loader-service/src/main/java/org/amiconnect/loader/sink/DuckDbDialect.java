package org.amiconnect.loader.sink;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DuckDB. {@code readings} has no primary key: DuckDB holds a table's whole key index (ART) in memory as soon as a
 * row is inserted, ~52 bytes a reading, so at 24 M readings the index alone would need ~1.2 GB against the 256MB
 * {@code memory_limit}. Its rows are merged by key without one ({@link #keyedMerge}); a file created with the key
 * (before this) keeps it and still works. Raw tables, whose key may be NULL, are merged by deleting the matching rows
 * and inserting the staged ones.
 *
 * <p>Measured on DuckDB 1.5.6, {@code memory_limit} 256MB (benchmarks/TUNING.md, "Tuning round 7: 24 M end
 * to end, completed"): with the key, inserting 50 k readings into a table of 5.35 M failed with "Out of Memory Error:
 * could not allocate block" (the index took 274 MiB once loaded), which stopped the 24 M end-to-end run. Without
 * it, at 24 M readings, a batch of 50 k new readings merged in ~30 ms (update, finding none) + ~550 ms (insert of
 * the missing ones), 50 k existing ones in ~60 ms + ~500 ms; an insert of all staged rows skips the search.
 * {@code INSERT ... ON CONFLICT DO UPDATE} and {@code MERGE} are not used: they need the key's index, and slowed
 * down 20-50x once they updated rows of earlier batches (100k updates took 9-40 s).
 */
public final class DuckDbDialect extends SqlDialect {

    @Override
    public String sinkType() {
        return "duckdb";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case DOUBLE -> "DOUBLE";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case TIMESTAMP -> "TIMESTAMPTZ";
        };
    }

    /** No key constraint on {@code readings}: its index would have to fit in DuckDB's memory (see above). */
    @Override
    protected Optional<String> keyConstraint(TableDef table) {
        return table.name().equals(WarehouseTables.READINGS.name()) ? Optional.empty() : super.keyConstraint(table);
    }

    /** Tables with a key that is never NULL (readings): updated in place, then the rest inserted. */
    @Override
    public Optional<KeyedMerge> keyedMerge(TableDef table) {
        if (table.key().isEmpty() || table.keyNullable()) {
            return Optional.empty();
        }
        String updates = table.valueColumns().stream()
                .map(c -> quote(c.name()) + " = s." + quote(c.name()))
                .collect(Collectors.joining(", "));
        String update = "UPDATE " + quote(table.name()) + " AS t SET " + updates + " FROM " + stagedRows(table)
                + " AS s WHERE " + keyMatch(table);
        String insertMissing = insertFromStaging(table) + "\nWHERE NOT EXISTS (SELECT 1 FROM " + quote(table.name())
                + " AS t WHERE " + keyMatch(table) + ")";
        return Optional.of(new KeyedMerge(update, insertFromStaging(table), insertMissing));
    }

    /** Tables whose key may be NULL (raw tables): matching rows deleted, NULL-safe, and the staged ones inserted. */
    @Override
    public List<String> upsertFromStaging(TableDef table) {
        return upsertFromStaging(table, Set.copyOf(table.key()));
    }

    /**
     * As {@link #upsertFromStaging(TableDef)}, comparing the key columns in which no staged row is NULL with {@code =}:
     * DuckDB then narrows the scan of the table to the staged rows' value ranges (min/max filters from the join),
     * where a NULL-safe comparison scans it whole. At 17.8 M raw rows, deleting by one hour of 50 k Beacon rows took
     * ~170 ms against ~1,400 ms (benchmarks/TUNING.md, "Tuning round 7: 24 M end to end, completed").
     */
    @Override
    public List<String> upsertFromStaging(TableDef table, Set<String> keysWithNulls) {
        return List.of(
                "DELETE FROM " + quote(table.name()) + " AS t USING " + stagedRows(table) + " AS s WHERE "
                        + keyMatch(table, keysWithNulls),
                insertFromStaging(table));
    }

    @Override
    protected String epochMicros(String expression) {
        return "epoch_us(" + expression + ")";
    }

    @Override
    protected String localDate(String expression, String zone) {
        // timezone(zone, timestamptz) is the wall-clock time there, as a plain timestamp
        return "CAST(timezone('" + zone + "', " + expression + ") AS DATE)";
    }
}
