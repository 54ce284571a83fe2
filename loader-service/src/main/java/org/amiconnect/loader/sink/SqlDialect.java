package org.amiconnect.loader.sink;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.RawEntity;

/**
 * Every piece of SQL the loader runs, so that the warehouses differ in one place. The loading logic
 * ({@link JdbcWarehouseSink}) is the same for all of them: stage a batch into a temporary table, merge it into the
 * target table, store the consumed offsets, commit.
 *
 * <p>Each warehouse's dialect is a subclass, handed out by its {@link WarehouseProvider}.
 *
 * <p>Identifiers are lower case and quoted, so that vendor field names that happen to be SQL keywords still work
 * while the tables stay queryable with unquoted names.
 */
public abstract class SqlDialect {

    /** The sink type in config.yaml whose warehouses speak this dialect, e.g. {@code duckdb}. */
    public abstract String sinkType();

    public abstract String sqlType(ColumnType type);

    public String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** A table or column name as the warehouse's catalog (information_schema) spells it. */
    public String catalogName(String identifier) {
        return identifier;
    }

    /**
     * All warehouse tables the loader writes: readings, meters, consumed offsets, the load progress of extract runs
     * and one raw table per entity.
     */
    public List<TableDef> tables(List<RawTable> rawTables) {
        List<TableDef> tables = new ArrayList<>(List.of(WarehouseTables.READINGS, WarehouseTables.METERS,
                WarehouseTables.CONSUMER_OFFSETS, WarehouseTables.RUN_LOADS, WarehouseTables.LOAD_EVENTS));
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
    protected Optional<String> keyConstraint(TableDef table) {
        if (table.key().isEmpty() || table.keyNullable()) {
            return Optional.empty();
        }
        return Optional.of("PRIMARY KEY (" + columnList(table.key()) + ")");
    }

    /**
     * Lists the columns of a table's key constraint when the warehouse enforces one that {@link #replaceKeyConstraint}
     * may have to change; parameters: the table's {@link #catalogName}, the constraint's name. Empty when the
     * warehouse enforces none that a release changes.
     */
    public Optional<String> selectKeyConstraintColumns() {
        return Optional.empty();
    }

    /**
     * The merge of a table whose key no index enforces, or empty (the default) when {@link #upsertFromStaging} merges
     * it. The sink runs {@link KeyedMerge#update()} first, then {@link KeyedMerge#insertAll()} when it updated no
     * row, else {@link KeyedMerge#insertMissing()}.
     */
    public Optional<KeyedMerge> keyedMerge(TableDef table) {
        return Optional.empty();
    }

    /**
     * Statements merging a table's staged rows by key without a unique index: most batches hold only new rows, and
     * the update, which finds none of them, says so; their insert then needs no search of the table.
     *
     * @param update        overwrites every value column of the rows whose key is staged (the staged rows are unique
     *                      by key)
     * @param insertAll     inserts every staged row
     * @param insertMissing inserts the staged rows whose key the table lacks
     */
    public record KeyedMerge(String update, String insertAll, String insertMissing) {
    }

    /** The name of the key constraint {@link #keyConstraint} creates for a table. */
    public String keyConstraintName(TableDef table) {
        return table.name() + "_key";
    }

    /** Replaces a table's key constraint with the one its key needs now (the key of a raw table grew a column). */
    public List<String> replaceKeyConstraint(TableDef table) {
        return List.of();
    }

    /** Extra indexes created with the table. */
    protected List<String> indexes(TableDef table) {
        return List.of();
    }

    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(column.name()) + " " + sqlType(column.type());
    }

    /**
     * Lists the column names of a table in the current schema, in the order the table stores them; one parameter: the
     * table's {@link #catalogName}.
     */
    public String selectColumnNames() {
        return "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? ORDER BY ordinal_position";
    }

    public String stagingName(TableDef table) {
        return "stg_" + table.name();
    }

    /** The SQL type a staging column holds a value of {@code type} in; the target's own type unless overridden. */
    public String stagingType(ColumnType type) {
        return sqlType(type);
    }

    /**
     * What the merge statements read staged rows from, aliased as {@code s} by the caller: the staging table itself,
     * or a query over it when staged values need converting to the target's types.
     */
    public String stagedRows(TableDef table) {
        return quote(stagingName(table));
    }

    /** A session-private staging table with the table's columns and no constraints. */
    public String createStaging(TableDef table) {
        return "CREATE TEMPORARY TABLE IF NOT EXISTS " + quote(stagingName(table)) + " (" + table.columns().stream()
                .map(c -> quote(c.name()) + " " + stagingType(c.type())).collect(Collectors.joining(", ")) + ")";
    }

    public String clearStaging(TableDef table) {
        return "DELETE FROM " + quote(stagingName(table));
    }

    /** How a statement takes an instant parameter; the sink binds it as {@link JdbcWarehouseSink} decides. */
    public String timestampParameter() {
        return "?";
    }

    /**
     * Merges the staged rows into the table by its key: a matching row has every other column overwritten (NULLs
     * included, the last write wins), any other row is inserted. The staged rows are unique by key.
     */
    public abstract List<String> upsertFromStaging(TableDef table);

    /**
     * {@link #upsertFromStaging(TableDef)} for staged rows of which only the key columns {@code keysWithNulls} hold a
     * NULL anywhere: a dialect may compare the other key columns with plain equality, which its planner can use
     * better than a NULL-safe comparison. The default ignores it.
     */
    public List<String> upsertFromStaging(TableDef table, Set<String> keysWithNulls) {
        return upsertFromStaging(table);
    }

    /**
     * Closes the current row of every staged meter whose attributes differ and whose version comes after the current
     * row ({@link #stagedIsNewer}), at the staged version time.
     */
    public String closeChangedMeters() {
        TableDef staged = WarehouseTables.METER_VERSIONS;
        return "UPDATE " + quote(WarehouseTables.METERS.name()) + " AS m SET " + quote("row_active_until")
                + " = s." + quote("row_active_from") + "\n"
                + "FROM " + stagedRows(staged) + " AS s\n"
                + "WHERE " + sameMeter("m", "s") + "\n"
                + "    AND m." + quote("row_active_until") + " IS NULL\n"
                + "    AND " + stagedIsNewer("s", "m") + "\n"
                + "    AND (" + meterChanged() + ")";
    }

    /**
     * True when the staged version {@code s} comes after the meter row {@code m} in the meter's history: a later
     * version time (row_active_from), or the same one and a later position in the meters topic (partition, then
     * offset; rows of older releases have none and come first). docs/warehouse.md states the rule.
     */
    protected String stagedIsNewer(String s, String m) {
        String from = quote("row_active_from");
        String p = quote("kafka_partition");
        String o = quote("kafka_offset");
        return "(" + s + "." + from + " > " + m + "." + from + " OR (" + s + "." + from + " = " + m + "." + from
                + " AND (" + s + "." + p + " > COALESCE(" + m + "." + p + ", -1) OR (" + s + "." + p + " = COALESCE("
                + m + "." + p + ", -1) AND " + s + "." + o + " > COALESCE(" + m + "." + o + ", -1)))))";
    }

    /** Rows {@code a} and {@code b} are of the same meter. */
    protected String sameMeter(String a, String b) {
        return a + "." + quote("org_id") + " = " + b + "." + quote("org_id") + " AND " + a + "." + quote("device_id")
                + " = " + b + "." + quote("device_id");
    }

    /** The meter row {@code h} is the staged version {@code s} itself: same meter, version time and position. */
    protected String sameVersion(String h, String s) {
        return sameMeter(h, s) + " AND " + h + "." + quote("row_active_from") + " = " + s + "." + quote("row_active_from")
                + " AND COALESCE(" + h + "." + quote("kafka_partition") + ", -1) = " + s + "." + quote("kafka_partition")
                + " AND COALESCE(" + h + "." + quote("kafka_offset") + ", -1) = " + s + "." + quote("kafka_offset");
    }

    /** True when a current meter row {@code m} and a staged version {@code s} differ in any attribute, NULL-safely. */
    protected String meterChanged() {
        return meterChanged("m", "s");
    }

    /** True when meter rows {@code a} and {@code b} differ in any attribute, NULL-safely. */
    protected String meterChanged(String a, String b) {
        return WarehouseTables.METER_ATTRIBUTES.stream()
                .map(c -> a + "." + quote(c.name()) + " IS DISTINCT FROM " + b + "." + quote(c.name()))
                .collect(Collectors.joining("\n        OR "));
    }

    /**
     * Inserts into history, behind the current row, every staged version that comes before the current row and tells
     * something new: its attributes differ from the row in force at its version time (or no row was in force then).
     * It is active until the next version's start (its own start when a version starts at the same time). A late
     * re-pull of an older window thus adds history but never replaces the current row. Versions already stored (same
     * version time and position) are left alone, so a replay changes nothing.
     */
    public String insertOlderMeterVersions() {
        TableDef staged = WarehouseTables.METER_VERSIONS;
        String meters = quote(WarehouseTables.METERS.name());
        String from = quote("row_active_from");
        String until = quote("row_active_until");
        String selected = staged.columnNames().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + meters + " (" + columnList(staged.columnNames()) + ", " + until + ")\n"
                + "SELECT " + selected + ", COALESCE(min(n." + from + "), s." + from + ")\n"
                + "FROM " + stagedRows(staged) + " AS s\n"
                + "LEFT JOIN " + meters + " AS n ON " + sameMeter("n", "s") + " AND n." + from + " > s." + from + "\n"
                + "WHERE EXISTS (SELECT 1 FROM " + meters + " AS m WHERE " + sameMeter("m", "s") + " AND m." + until
                + " IS NULL AND NOT " + stagedIsNewer("s", "m") + ")\n"
                + "    AND NOT EXISTS (SELECT 1 FROM " + meters + " AS h WHERE " + sameVersion("h", "s") + ")\n"
                + "    AND NOT EXISTS (SELECT 1 FROM " + meters + " AS h WHERE " + sameMeter("h", "s") + " AND h." + from
                + " <= s." + from + " AND (h." + until + " IS NULL OR h." + until + " > s." + from + ")"
                + " AND NOT (" + meterChanged("h", "s") + "))\n"
                + "GROUP BY " + selected;
    }

    /**
     * Ends a historical row where a version inserted behind it ({@link #insertOlderMeterVersions}) starts, so that
     * history rows never overlap.
     */
    public String shortenOverlappedMeterVersions() {
        TableDef staged = WarehouseTables.METER_VERSIONS;
        String meters = quote(WarehouseTables.METERS.name());
        String from = quote("row_active_from");
        String until = quote("row_active_until");
        return "UPDATE " + meters + " AS h SET " + until + " = s." + from + "\n"
                + "FROM " + stagedRows(staged) + " AS s\n"
                + "WHERE " + sameMeter("h", "s") + " AND h." + until + " IS NOT NULL AND h." + from + " < s." + from
                + " AND h." + until + " > s." + from + "\n"
                + "    AND EXISTS (SELECT 1 FROM " + meters + " AS n WHERE " + sameVersion("n", "s") + ")";
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
                + "SELECT " + selected + ", NULL FROM " + stagedRows(staged) + " AS s\n"
                + "WHERE NOT EXISTS (SELECT 1 FROM " + quote(WarehouseTables.METERS.name()) + " AS m"
                + " WHERE m." + quote("org_id") + " = s." + quote("org_id")
                + " AND m." + quote("device_id") + " = s." + quote("device_id")
                + " AND m." + quote("row_active_until") + " IS NULL)";
    }

    /**
     * Upserts one consumed offset; parameters: group, topic, partition, next offset, updated at, topic id (null when
     * unknown: the offset is then trusted as it is).
     */
    public String upsertOffset() {
        TableDef t = WarehouseTables.CONSUMER_OFFSETS;
        return "INSERT INTO " + quote(t.name()) + " (" + columnList(t.columnNames()) + ") VALUES (?, ?, ?, ?, "
                + timestampParameter() + ", ?)\n"
                + "ON CONFLICT (" + columnList(t.key()) + ") DO UPDATE SET "
                + quote("next_offset") + " = excluded." + quote("next_offset") + ", "
                + quote("updated_at") + " = excluded." + quote("updated_at") + ", "
                + quote("topic_id") + " = excluded." + quote("topic_id");
    }

    /** The stored offsets of one consumer group: topic, partition, next offset, topic id. One parameter: the group. */
    public String selectOffsets() {
        return "SELECT " + quote("topic") + ", " + quote("kafka_partition") + ", " + quote("next_offset") + ", "
                + quote("topic_id") + " FROM " + quote(WarehouseTables.CONSUMER_OFFSETS.name()) + " WHERE " + quote("consumer_group") + " = ?";
    }

    /**
     * Appends what one batch loaded of one extract run from one partition; parameters: group, run id, org, topic,
     * partition, records, last offset, loaded at.
     */
    public String insertRunLoad() {
        TableDef t = WarehouseTables.RUN_LOADS;
        return "INSERT INTO " + quote(t.name()) + " (" + columnList(t.columnNames()) + ") VALUES (?, ?, ?, ?, ?, ?, ?, "
                + timestampParameter() + ")";
    }

    /**
     * What a consumer group has loaded of some extract runs, per run and partition: run id, org, topic, partition,
     * records, last offset. Parameters: the group, then {@code runs} run ids.
     */
    public String selectRunLoads(int runs) {
        return "SELECT " + quote("run_id") + ", min(" + quote("org_id") + "), " + quote("topic") + ", "
                + quote("kafka_partition") + ", sum(" + quote("records") + "), max(" + quote("last_offset") + ")"
                + " FROM " + quote(WarehouseTables.RUN_LOADS.name()) + " WHERE " + quote("consumer_group") + " = ?"
                + " AND " + quote("run_id") + " IN (" + String.join(", ", Collections.nCopies(runs, "?")) + ")"
                + " GROUP BY " + quote("run_id") + ", " + quote("topic") + ", " + quote("kafka_partition");
    }

    /** Records that a run's load event was published, unless already recorded; parameters: group, run id, time. */
    public String insertLoadEvent() {
        TableDef t = WarehouseTables.LOAD_EVENTS;
        return "INSERT INTO " + quote(t.name()) + " (" + columnList(t.columnNames()) + ") VALUES (?, ?, "
                + timestampParameter() + ")\nON CONFLICT (" + columnList(t.key()) + ") DO NOTHING";
    }

    /** The runs whose load event a consumer group published; one parameter: the group. */
    public String selectLoadEvents() {
        return "SELECT " + quote("run_id") + " FROM " + quote(WarehouseTables.LOAD_EVENTS.name()) + " WHERE "
                + quote("consumer_group") + " = ?";
    }

    /** Devices with more than one current meter row: org, device, rows. */
    public String duplicateCurrentMeters() {
        return "SELECT " + quote("org_id") + ", " + quote("device_id") + ", count(*) AS " + quote("current_rows")
                + " FROM " + quote(WarehouseTables.METERS.name()) + " WHERE " + quote("row_active_until") + " IS NULL"
                + " GROUP BY " + quote("org_id") + ", " + quote("device_id") + " HAVING count(*) > 1";
    }

    /** Readings stored more than once: org, device, flowtime (epoch microseconds), copies. */
    public String duplicateReadings() {
        return "SELECT " + quote("org_id") + ", " + quote("device_id") + ", " + epochMicros(quote("flowtime")) + " AS "
                + quote("flowtime_us") + ", count(*) AS " + quote("copies") + " FROM "
                + quote(WarehouseTables.READINGS.name()) + " GROUP BY " + quote("org_id") + ", " + quote("device_id")
                + ", " + quote("flowtime") + " HAVING count(*) > 1";
    }

    /** How many rows a query returns, and the first {@code limit} of them in a stable order. */
    public String countOf(String query) {
        return "SELECT count(*) FROM (" + query + ") AS q";
    }

    public String firstRows(String query, int limit) {
        return "SELECT * FROM (" + query + ") AS q ORDER BY 1, 2, 3 LIMIT " + limit;
    }

    /** The orgs that have readings. */
    public String readingOrgs() {
        return "SELECT DISTINCT " + quote("org_id") + " FROM " + quote(WarehouseTables.READINGS.name());
    }

    /**
     * Readings per local day of one org: day (as {@code YYYY-MM-DD} text), rows. One parameter: the org. Days are
     * counted in the org's time zone, as its utility sees them.
     */
    public String dailyReadingCounts(ZoneId zone) {
        String day = dateAsText(localDate(quote("flowtime"), safeZone(zone)));
        return "SELECT " + day + " AS " + quote("day") + ", count(*) AS " + quote("readings") + " FROM "
                + quote(WarehouseTables.READINGS.name()) + " WHERE " + quote("org_id") + " = ? GROUP BY 1 ORDER BY 1";
    }

    /** The epoch microseconds of a timestamp expression, as a BIGINT. */
    protected abstract String epochMicros(String expression);

    /** The calendar date of a timestamp expression in a time zone (a quoted-literal-safe IANA name). */
    protected abstract String localDate(String expression, String zone);

    protected String dateAsText(String dateExpression) {
        return "CAST(" + dateExpression + " AS VARCHAR)";
    }

    private static String safeZone(ZoneId zone) {
        // a fixed offset of zero (ZoneOffset.UTC, id "Z") is not a name the warehouses know
        String id = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        if (!id.matches("[A-Za-z0-9/_+-]+")) {
            throw new IllegalArgumentException("Time zone '" + id + "' cannot be used in SQL");
        }
        return id;
    }

    protected String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** INSERT INTO table (columns) SELECT columns FROM its staged rows. */
    protected String insertFromStaging(TableDef table) {
        String columns = columnList(table.columnNames());
        return "INSERT INTO " + quote(table.name()) + " (" + columns + ")\nSELECT " + columns + " FROM "
                + stagedRows(table) + " AS s";
    }

    /** The join condition of a target row {@code t} and a staged row {@code s} on the table's key. */
    protected String keyMatch(TableDef table) {
        return keyMatch(table, Set.copyOf(table.key()));
    }

    /**
     * The join condition on the table's key when no staged row holds a NULL in a key column outside
     * {@code keysWithNulls}: those columns are compared with {@code =}, which finds the same rows there (a target row
     * with a NULL matches no staged row either way), the others NULL-safe when the key may be NULL.
     */
    protected String keyMatch(TableDef table, Set<String> keysWithNulls) {
        return table.key().stream()
                .map(k -> table.column(k).notNull() || !table.keyNullable() || !keysWithNulls.contains(k)
                        ? "t." + quote(k) + " = s." + quote(k)
                        : "t." + quote(k) + " IS NOT DISTINCT FROM s." + quote(k))
                .collect(Collectors.joining(" AND "));
    }
}
