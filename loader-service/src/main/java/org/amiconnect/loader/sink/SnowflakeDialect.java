package org.amiconnect.loader.sink;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Snowflake, with the predecessor's table shapes (upper-case names, {@code TIMESTAMP_TZ(9)}, {@code FLOAT}) and its
 * MERGE semantics: readings and raw rows are merged by key with every value column overwritten (last write wins),
 * meters keep their history (the changed current row is closed by a MERGE, the new version inserted).
 *
 * <p>Identifiers are quoted in upper case, which is how Snowflake stores unquoted names: analysts query
 * {@code readings.flowtime} without quotes, and vendor fields that are keywords still work.
 *
 * <p>Staged timestamps are epoch microseconds in {@code NUMBER} columns, converted with
 * {@code TO_TIMESTAMP_TZ(x, 6)} in the merge: binding numbers is exact and independent of the driver's timestamp
 * binding rules ({@code CLIENT_TIMESTAMP_TYPE_MAPPING}, session time zone). Snowflake does not enforce primary keys
 * or unique constraints, so uniqueness is kept by the merges and verified by the data-quality checks.
 */
public final class SnowflakeDialect extends SqlDialect {

    @Override
    public String sinkType() {
        return "snowflake";
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.toUpperCase(Locale.ROOT) + '"';
    }

    @Override
    public String catalogName(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case DOUBLE -> "FLOAT";
            case INTEGER, BIGINT -> "NUMBER(38,0)";
            case TIMESTAMP -> "TIMESTAMP_TZ(9)";
        };
    }

    @Override
    public String stagingType(ColumnType type) {
        return type == ColumnType.TIMESTAMP ? "NUMBER(38,0)" : sqlType(type);
    }

    @Override
    public String selectColumnNames() {
        return "SELECT column_name FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA()"
                + " AND table_name = ?";
    }

    /** The staged rows with their timestamps converted back from epoch microseconds. */
    @Override
    public String stagedRows(TableDef table) {
        if (table.columns().stream().noneMatch(c -> c.type() == ColumnType.TIMESTAMP)) {
            return quote(stagingName(table));
        }
        String columns = table.columns().stream()
                .map(c -> c.type() == ColumnType.TIMESTAMP
                        ? "TO_TIMESTAMP_TZ(" + quote(c.name()) + ", 6) AS " + quote(c.name())
                        : quote(c.name()))
                .collect(Collectors.joining(", "));
        return "(SELECT " + columns + " FROM " + quote(stagingName(table)) + ")";
    }

    @Override
    public String timestampParameter() {
        return "TO_TIMESTAMP_TZ(?, 6)";
    }

    @Override
    public List<String> upsertFromStaging(TableDef table) {
        String updates = table.valueColumns().stream()
                .map(c -> "t." + quote(c.name()) + " = s." + quote(c.name()))
                .collect(Collectors.joining(", "));
        return List.of("MERGE INTO " + quote(table.name()) + " AS t USING " + stagedRows(table) + " AS s ON "
                + keyMatch(table) + "\n"
                + (updates.isEmpty() ? "" : "WHEN MATCHED THEN UPDATE SET " + updates + "\n")
                + "WHEN NOT MATCHED THEN INSERT (" + columnList(table.columnNames()) + ") VALUES ("
                + table.columnNames().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", ")) + ")");
    }

    /** The predecessor's MERGE on the current row, with the version order guarding against older versions. */
    @Override
    public String closeChangedMeters() {
        return "MERGE INTO " + quote(WarehouseTables.METERS.name()) + " AS m USING "
                + stagedRows(WarehouseTables.METER_VERSIONS) + " AS s\n"
                + "ON " + sameMeter("m", "s") + " AND m." + quote("row_active_until") + " IS NULL\n"
                + "WHEN MATCHED AND " + stagedIsNewer("s", "m") + " AND (" + meterChanged() + ")\n"
                + "THEN UPDATE SET m." + quote("row_active_until") + " = s." + quote("row_active_from");
    }

    @Override
    public String upsertOffset() {
        TableDef t = WarehouseTables.CONSUMER_OFFSETS;
        return "MERGE INTO " + quote(t.name()) + " AS t USING (SELECT ? AS " + quote("consumer_group") + ", ? AS "
                + quote("topic") + ", ? AS " + quote("kafka_partition") + ", ? AS " + quote("next_offset") + ", "
                + timestampParameter() + " AS " + quote("updated_at") + ", ? AS " + quote("topic_id") + ") AS s ON "
                + keyMatch(t) + "\n"
                + "WHEN MATCHED THEN UPDATE SET t." + quote("next_offset") + " = s." + quote("next_offset") + ", t."
                + quote("updated_at") + " = s." + quote("updated_at") + ", t." + quote("topic_id") + " = s."
                + quote("topic_id") + "\n"
                + "WHEN NOT MATCHED THEN INSERT (" + columnList(t.columnNames()) + ") VALUES ("
                + t.columnNames().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String insertLoadEvent() {
        TableDef t = WarehouseTables.LOAD_EVENTS;
        return "MERGE INTO " + quote(t.name()) + " AS t USING (SELECT ? AS " + quote("consumer_group") + ", ? AS "
                + quote("run_id") + ", " + timestampParameter() + " AS " + quote("published_at") + ") AS s ON "
                + keyMatch(t) + "\n"
                + "WHEN NOT MATCHED THEN INSERT (" + columnList(t.columnNames()) + ") VALUES ("
                + t.columnNames().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    protected String epochMicros(String expression) {
        return "DATE_PART(EPOCH_MICROSECOND, " + expression + ")";
    }

    @Override
    protected String dateAsText(String dateExpression) {
        // independent of the session's DATE_OUTPUT_FORMAT
        return "TO_VARCHAR(" + dateExpression + ", 'YYYY-MM-DD')";
    }

    @Override
    protected String localDate(String expression, String zone) {
        return "CAST(CONVERT_TIMEZONE('" + zone + "', " + expression + ") AS DATE)";
    }
}
