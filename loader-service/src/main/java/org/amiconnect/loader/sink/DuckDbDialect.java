package org.amiconnect.loader.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.RawEntity;

/**
 * DuckDB. Upserts delete the matching rows and insert the staged ones in the same transaction: measured on DuckDB
 * 1.5, {@code INSERT ... ON CONFLICT DO UPDATE} and {@code MERGE} slow down 20-50x once they update rows of earlier
 * batches (100k updates took 9-40 s), while delete + insert stays at the speed of a plain insert. Delete + insert
 * also matches keys NULL-safely, which raw tables need. Raw tables also get a NULL-safe unique index
 * ({@link #createNullSafeKeyIndex}), which lets {@link DuckDbSink} append their new rows without a merge.
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
        return List.of(
                "DELETE FROM " + quote(table.name()) + " AS t USING " + stagedRows(table) + " AS s WHERE "
                        + keyMatch(table),
                insertFromStaging(table));
    }

    /** The DDL of every table, and the NULL-safe key index of each raw table ({@link #createNullSafeKeyIndex}). */
    @Override
    public String ddl(List<RawEntity> rawEntities) {
        StringBuilder ddl = new StringBuilder(super.ddl(rawEntities));
        for (RawTable raw : RawTable.of(rawEntities)) {
            if (hasNullSafeKeyIndex(raw.definition())) {
                ddl.append('\n').append(createNullSafeKeyIndex(raw.definition())).append(";\n");
            }
        }
        return ddl.toString();
    }

    /** True for tables whose key is made unique by {@link #createNullSafeKeyIndex}: the raw tables. */
    public boolean hasNullSafeKeyIndex(TableDef table) {
        return !table.key().isEmpty() && table.keyNullable();
    }

    /**
     * The unique index that makes a raw table's key unique NULL-safely, as PostgreSQL's {@code UNIQUE NULLS NOT
     * DISTINCT} does: a nullable key column {@code c} is indexed as {@code (c IS NULL), COALESCE(c, '')}, so two NULLs
     * are one key and NULL is not the empty string. DuckDB's own unique constraints treat NULLs as distinct. Its name
     * ends in a digest of the key columns ({@link #nullSafeKeyIndexName}), so a key that grows gets a new index.
     */
    public String createNullSafeKeyIndex(TableDef table) {
        String parts = table.key().stream()
                .map(k -> table.column(k).notNull() ? quote(k)
                        : "(" + quote(k) + " IS NULL), COALESCE(CAST(" + quote(k) + " AS VARCHAR), '')")
                .collect(Collectors.joining(", "));
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + quote(nullSafeKeyIndexName(table)) + " ON " + quote(table.name())
                + " (" + parts + ")";
    }

    /** {@code <table>_key_<first 8 hex digits of the SHA-256 of the key's column names>}. */
    public String nullSafeKeyIndexName(TableDef table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", table.key()).getBytes(StandardCharsets.UTF_8));
            return keyConstraintName(table) + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Lists a table's column names in their stored order; one parameter: the table's name. */
    public String selectColumnNamesInOrder() {
        return selectColumnNames() + " ORDER BY ordinal_position";
    }

    /**
     * Lists the indexes of a table whose names start like {@link #nullSafeKeyIndexName}'s; parameters: the table's
     * name, the name's prefix ({@code <table>_key_}).
     */
    public String selectKeyIndexNames() {
        return "SELECT index_name FROM duckdb_indexes() WHERE schema_name = current_schema() AND table_name = ?"
                + " AND starts_with(index_name, ?)";
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
