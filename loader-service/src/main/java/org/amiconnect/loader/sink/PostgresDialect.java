package org.amiconnect.loader.sink;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PostgreSQL 15 or newer: upserts are {@code INSERT ... ON CONFLICT DO UPDATE}; raw tables, whose key columns may be
 * null, get a {@code UNIQUE NULLS NOT DISTINCT} constraint so that a NULL key still matches; meters get a partial
 * unique index that allows one current row per device.
 */
public final class PostgresDialect extends SqlDialect {

    @Override
    public String sinkType() {
        return "postgresql";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case DOUBLE -> "DOUBLE PRECISION";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case TIMESTAMP -> "TIMESTAMPTZ";
        };
    }

    @Override
    protected Optional<String> keyConstraint(TableDef table) {
        if (!table.key().isEmpty() && table.keyNullable()) {
            return Optional.of("CONSTRAINT " + quote(keyConstraintName(table)) + " UNIQUE NULLS NOT DISTINCT ("
                    + columnList(table.key()) + ")");
        }
        return super.keyConstraint(table);
    }

    @Override
    public Optional<String> selectKeyConstraintColumns() {
        return Optional.of("SELECT column_name FROM information_schema.key_column_usage WHERE table_schema ="
                + " current_schema() AND table_name = ? AND constraint_name = ?");
    }

    /** Raw tables only: their key is the one that grows (local_time_offsets); ON CONFLICT needs the exact constraint. */
    @Override
    public List<String> replaceKeyConstraint(TableDef table) {
        if (table.key().isEmpty() || !table.keyNullable()) {
            return List.of();
        }
        return List.of("ALTER TABLE " + quote(table.name()) + " DROP CONSTRAINT IF EXISTS "
                + quote(keyConstraintName(table)), "ALTER TABLE " + quote(table.name()) + " ADD "
                + keyConstraint(table).orElseThrow());
    }

    @Override
    protected List<String> indexes(TableDef table) {
        if (table.name().equals(WarehouseTables.METERS.name())) {
            return List.of("CREATE UNIQUE INDEX IF NOT EXISTS " + quote("meters_current") + " ON "
                    + quote(table.name()) + " (" + columnList(List.of("org_id", "device_id")) + ") WHERE "
                    + quote("row_active_until") + " IS NULL");
        }
        return List.of();
    }

    @Override
    public List<String> upsertFromStaging(TableDef table) {
        String updates = table.valueColumns().stream()
                .map(c -> quote(c.name()) + " = excluded." + quote(c.name()))
                .collect(Collectors.joining(", "));
        return List.of(insertFromStaging(table) + "\nON CONFLICT (" + columnList(table.key()) + ") DO UPDATE SET "
                + updates);
    }

    @Override
    protected String epochMicros(String expression) {
        // EXTRACT returns numeric since PostgreSQL 14: exact to the microsecond
        return "CAST(EXTRACT(EPOCH FROM " + expression + ") * 1000000 AS BIGINT)";
    }

    @Override
    protected String localDate(String expression, String zone) {
        return "CAST((" + expression + " AT TIME ZONE '" + zone + "') AS DATE)";
    }
}
