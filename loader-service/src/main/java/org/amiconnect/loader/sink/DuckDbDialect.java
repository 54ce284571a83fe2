package org.amiconnect.loader.sink;

import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB. A table with a primary key (readings) is merged by updating the value columns of the rows whose key exists
 * and inserting the others, so its key index is only probed and added to; any other table (raw tables, whose key may
 * be NULL and which have no index) by deleting the matching rows and inserting the staged ones.
 *
 * <p>Measured on DuckDB 1.5.6, {@code memory_limit} 256MB, 24 M readings, batches of 50 k existing keys, one hour of
 * 50 k meters each (benchmarks/README.md, "Tuning round 6: readings merge at warehouse scale"): delete + insert failed
 * from the second batch on with "Out of Memory Error: failed to pin block", most likely because the index nodes the
 * deletes touch stay in memory (batches of a meter's hours together touch far fewer, and passed), so a replay into a
 * full warehouse could not finish; update + insert committed 40 of 40 batches, 0.3–2.5 s each, within the limit.
 * {@code INSERT ... ON CONFLICT DO UPDATE} and {@code MERGE} are not used: they slowed down 20-50x once they updated
 * rows of earlier batches (100k updates took 9-40 s).
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

    @Override
    public List<String> upsertFromStaging(TableDef table) {
        if (hasPrimaryKey(table)) {
            String updates = table.valueColumns().stream()
                    .map(c -> quote(c.name()) + " = s." + quote(c.name()))
                    .collect(Collectors.joining(", "));
            // the staged rows are unique by key, so each existing row is updated once; the insert then skips them
            return List.of(
                    "UPDATE " + quote(table.name()) + " AS t SET " + updates + " FROM " + stagedRows(table)
                            + " AS s WHERE " + keyMatch(table),
                    insertFromStaging(table) + " ON CONFLICT DO NOTHING");
        }
        return List.of(
                "DELETE FROM " + quote(table.name()) + " AS t USING " + stagedRows(table) + " AS s WHERE "
                        + keyMatch(table),
                insertFromStaging(table));
    }

    private boolean hasPrimaryKey(TableDef table) {
        return keyConstraint(table).isPresent();
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
