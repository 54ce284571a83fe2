package org.amiconnect.loader.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.RawEntity;

/**
 * Every piece of SQL the loader runs, so that the warehouses differ in one place. The loading logic
 * ({@link JdbcWarehouseSink}) is the same for all of them: stage a batch into a temporary table, merge it into the
 * target table, store the consumed offsets, commit.
 *
 * <p>Identifiers are lower case and quoted, so that vendor field names that happen to be SQL keywords still work
 * while the tables stay queryable with unquoted names.
 */
public abstract class SqlDialect {

    /** The sink type in config.yaml: {@code duckdb}, {@code postgresql}. */
    public abstract String sinkType();

    public abstract String sqlType(ColumnType type);

    public String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** The dialect of a sink type in config.yaml. */
    public static SqlDialect forSinkType(String sinkType) {
        return switch (sinkType.toLowerCase(Locale.ROOT)) {
            case "duckdb" -> new DuckDbDialect();
            case "postgresql" -> new PostgresDialect();
            default -> throw new IllegalArgumentException("No SQL dialect for sink type '" + sinkType
                    + "'; supported: duckdb, postgresql");
        };
    }

    /** All warehouse tables the loader writes: readings, meters, consumed offsets and one raw table per entity. */
    public List<TableDef> tables(List<RawTable> rawTables) {
        List<TableDef> tables = new ArrayList<>(List.of(WarehouseTables.READINGS, WarehouseTables.METERS,
                WarehouseTables.CONSUMER_OFFSETS));
        rawTables.forEach(t -> tables.add(t.definition()));
        return tables;
    }

    /** The DDL of every table, as a script: what {@code amiconnect sql ddl} prints. */
    public String ddl(List<RawEntity> rawEntities) {
        return tables(RawTable.of(rawEntities)).stream()
                .flatMap(t -> createTable(t).stream())
                .map(s -> s + ";\n")
                .collect(Collectors.joining("\n"));
    }

    /** Creates the table (and its indexes) when missing. */
    public List<String> createTable(TableDef table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(table.name())).append(" (\n");
        List<String> parts = new ArrayList<>();
        for (Column c : table.columns()) {
            parts.add("    " + columnDefinition(c));
        }
        keyConstraint(table).ifPresent(k -> parts.add("    " + k));
        sql.append(String.join(",\n", parts)).append("\n)");
        List<String> statements = new ArrayList<>();
        statements.add(sql.toString());
        statements.addAll(indexes(table));
        return statements;
    }

    protected String columnDefinition(Column c) {
        return quote(c.name()) + " " + sqlType(c.type()) + (c.notNull() ? " NOT NULL" : "");
    }

    /** The constraint that makes the key unique, if the dialect can express it for this table. */
    protected java.util.Optional<String> keyConstraint(TableDef table) {
        if (table.key().isEmpty() || table.keyNullable()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("PRIMARY KEY (" + columnList(table.key()) + ")");
    }

    /** Extra indexes created with the table. */
    protected List<String> indexes(TableDef table) {
        return List.of();
    }

    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(column.name()) + " " + sqlType(column.type());
    }

    /** Lists the column names of a table in the current schema; one parameter: the table name. */
    public String selectColumnNames() {
        return "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ?";
    }

    public String stagingName(TableDef table) {
        return "stg_" + table.name();
    }

    /** A session-private staging table with the table's columns and no constraints. */
    public String createStaging(TableDef table) {
        return "CREATE TEMPORARY TABLE IF NOT EXISTS " + quote(stagingName(table)) + " (" + table.columns().stream()
                .map(c -> quote(c.name()) + " " + sqlType(c.type())).collect(Collectors.joining(", ")) + ")";
    }

    public String clearStaging(TableDef table) {
        return "DELETE FROM " + quote(stagingName(table));
    }

    /**
     * Merges the staged rows into the table by its key: a matching row has every other column overwritten (NULLs
     * included, the last write wins), any other row is inserted. The staged rows are unique by key.
     */
    public abstract List<String> upsertFromStaging(TableDef table);

    /**
     * Closes the current row of every staged meter whose attributes differ and whose version is newer than the
     * current row, at the staged version time.
     */
    public String closeChangedMeters() {
        TableDef staged = WarehouseTables.METER_VERSIONS;
        String changed = WarehouseTables.METER_ATTRIBUTES.stream()
                .map(c -> "m." + quote(c.name()) + " IS DISTINCT FROM s." + quote(c.name()))
                .collect(Collectors.joining("\n        OR "));
        return "UPDATE " + quote(WarehouseTables.METERS.name()) + " AS m SET " + quote("row_active_until")
                + " = s." + quote("row_active_from") + "\n"
                + "FROM " + quote(stagingName(staged)) + " AS s\n"
                + "WHERE m." + quote("org_id") + " = s." + quote("org_id")
                + " AND m." + quote("device_id") + " = s." + quote("device_id") + "\n"
                + "    AND m." + quote("row_active_until") + " IS NULL\n"
                + "    AND s." + quote("row_active_from") + " > m." + quote("row_active_from") + "\n"
                + "    AND (" + changed + ")";
    }

    /**
     * Inserts a current row for every staged meter that has none: new devices, and devices whose current row
     * {@link #closeChangedMeters} just closed. Unchanged meters and replayed older versions still have their
     * current row and are left alone.
     */
    public String insertNewMeterVersions() {
        TableDef staged = WarehouseTables.METER_VERSIONS;
        String columns = columnList(staged.columnNames());
        String selected = staged.columnNames().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(WarehouseTables.METERS.name()) + " (" + columns + ", " + quote("row_active_until")
                + ")\n"
                + "SELECT " + selected + ", NULL FROM " + quote(stagingName(staged)) + " AS s\n"
                + "WHERE NOT EXISTS (SELECT 1 FROM " + quote(WarehouseTables.METERS.name()) + " AS m"
                + " WHERE m." + quote("org_id") + " = s." + quote("org_id")
                + " AND m." + quote("device_id") + " = s." + quote("device_id")
                + " AND m." + quote("row_active_until") + " IS NULL)";
    }

    /** Upserts one consumed offset; parameters: group, topic, partition, next offset, updated at. */
    public String upsertOffset() {
        TableDef t = WarehouseTables.CONSUMER_OFFSETS;
        return "INSERT INTO " + quote(t.name()) + " (" + columnList(t.columnNames()) + ") VALUES (?, ?, ?, ?, ?)\n"
                + "ON CONFLICT (" + columnList(t.key()) + ") DO UPDATE SET "
                + quote("next_offset") + " = excluded." + quote("next_offset") + ", "
                + quote("updated_at") + " = excluded." + quote("updated_at");
    }

    /** The stored offsets of one consumer group; one parameter: the group. */
    public String selectOffsets() {
        return "SELECT " + quote("topic") + ", " + quote("kafka_partition") + ", " + quote("next_offset")
                + " FROM " + quote(WarehouseTables.CONSUMER_OFFSETS.name()) + " WHERE " + quote("consumer_group") + " = ?";
    }

    protected String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** INSERT INTO table (columns) SELECT columns FROM its staging table. */
    protected String insertFromStaging(TableDef table) {
        String columns = columnList(table.columnNames());
        return "INSERT INTO " + quote(table.name()) + " (" + columns + ")\nSELECT " + columns + " FROM "
                + quote(stagingName(table));
    }

    /** The join condition of a target row {@code t} and a staged row {@code s} on the table's key. */
    protected String keyMatch(TableDef table) {
        return table.key().stream()
                .map(k -> table.column(k).notNull() || !table.keyNullable()
                        ? "t." + quote(k) + " = s." + quote(k)
                        : "t." + quote(k) + " IS NOT DISTINCT FROM s." + quote(k))
                .collect(Collectors.joining(" AND "));
    }
}
