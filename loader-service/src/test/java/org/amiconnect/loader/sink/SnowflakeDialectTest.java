package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The exact SQL the Snowflake sink runs, compared with whitespace normalised. Snowflake itself is exercised by
 * SnowflakeSinkIT when credentials are available.
 */
class SnowflakeDialectTest {

    private final SnowflakeDialect dialect = new SnowflakeDialect();

    private static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim();
    }

    private static void assertSql(String actual, String expected) {
        assertThat(normalized(actual)).isEqualTo(normalized(expected));
    }

    @Test
    void createsTheReadingsTableWithThePredecessorsTypesInUpperCase() {
        assertThat(dialect.createTable(WarehouseTables.READINGS)).hasSize(1);
        assertSql(dialect.createTable(WarehouseTables.READINGS).get(0), """
                CREATE TABLE IF NOT EXISTS "READINGS" (
                    "ORG_ID" VARCHAR NOT NULL, "DEVICE_ID" VARCHAR NOT NULL, "ACCOUNT_ID" VARCHAR,
                    "LOCATION_ID" VARCHAR, "FLOWTIME" TIMESTAMP_TZ(9) NOT NULL, "REGISTER_VALUE" FLOAT,
                    "REGISTER_UNIT" VARCHAR, "INTERVAL_VALUE" FLOAT, "INTERVAL_UNIT" VARCHAR, "BATTERY" VARCHAR,
                    "INSTALL_DATE" TIMESTAMP_TZ(9), "ESTIMATED" NUMBER(38,0), "CONNECTION" VARCHAR,
                    PRIMARY KEY ("ORG_ID", "DEVICE_ID", "FLOWTIME")
                )""");
    }

    @Test
    void createsMetersWithHistoryColumnsAndNoIndexes() {
        List<String> statements = dialect.createTable(WarehouseTables.METERS);
        assertThat(statements).hasSize(1);
        assertSql(statements.get(0), """
                CREATE TABLE IF NOT EXISTS "METERS" (
                    "ORG_ID" VARCHAR NOT NULL, "DEVICE_ID" VARCHAR NOT NULL, "ACCOUNT_ID" VARCHAR,
                    "LOCATION_ID" VARCHAR, "METER_ID" VARCHAR, "ENDPOINT_ID" VARCHAR,
                    "METER_INSTALL_DATE" TIMESTAMP_TZ(9), "METER_SIZE" VARCHAR, "METER_MANUFACTURER" VARCHAR,
                    "MULTIPLIER" FLOAT, "LOCATION_ADDRESS" VARCHAR, "LOCATION_CITY" VARCHAR,
                    "LOCATION_STATE" VARCHAR, "LOCATION_ZIP" VARCHAR, "ROW_ACTIVE_FROM" TIMESTAMP_TZ(9) NOT NULL,
                    "ROW_ACTIVE_UNTIL" TIMESTAMP_TZ(9), "KAFKA_PARTITION" NUMBER(38,0), "KAFKA_OFFSET" NUMBER(38,0)
                )""");
    }

    @Test
    void stagesTimestampsAsEpochMicroseconds() {
        assertSql(dialect.createStaging(WarehouseTables.READINGS), """
                CREATE TEMPORARY TABLE IF NOT EXISTS "STG_READINGS" ("ORG_ID" VARCHAR, "DEVICE_ID" VARCHAR,
                "ACCOUNT_ID" VARCHAR, "LOCATION_ID" VARCHAR, "FLOWTIME" NUMBER(38,0), "REGISTER_VALUE" FLOAT,
                "REGISTER_UNIT" VARCHAR, "INTERVAL_VALUE" FLOAT, "INTERVAL_UNIT" VARCHAR, "BATTERY" VARCHAR,
                "INSTALL_DATE" NUMBER(38,0), "ESTIMATED" NUMBER(38,0), "CONNECTION" VARCHAR)""");
        assertSql(dialect.clearStaging(WarehouseTables.READINGS), "DELETE FROM \"STG_READINGS\"");
    }

    @Test
    void mergesReadingsOverwritingEveryValueColumn() {
        List<String> statements = dialect.upsertFromStaging(WarehouseTables.READINGS);
        assertThat(statements).hasSize(1);
        assertSql(statements.get(0), """
                MERGE INTO "READINGS" AS t USING (SELECT "ORG_ID", "DEVICE_ID", "ACCOUNT_ID", "LOCATION_ID",
                    TO_TIMESTAMP_TZ("FLOWTIME", 6) AS "FLOWTIME", "REGISTER_VALUE", "REGISTER_UNIT", "INTERVAL_VALUE",
                    "INTERVAL_UNIT", "BATTERY", TO_TIMESTAMP_TZ("INSTALL_DATE", 6) AS "INSTALL_DATE", "ESTIMATED",
                    "CONNECTION" FROM "STG_READINGS") AS s
                ON t."ORG_ID" = s."ORG_ID" AND t."DEVICE_ID" = s."DEVICE_ID" AND t."FLOWTIME" = s."FLOWTIME"
                WHEN MATCHED THEN UPDATE SET t."ACCOUNT_ID" = s."ACCOUNT_ID", t."LOCATION_ID" = s."LOCATION_ID",
                    t."REGISTER_VALUE" = s."REGISTER_VALUE", t."REGISTER_UNIT" = s."REGISTER_UNIT",
                    t."INTERVAL_VALUE" = s."INTERVAL_VALUE", t."INTERVAL_UNIT" = s."INTERVAL_UNIT",
                    t."BATTERY" = s."BATTERY", t."INSTALL_DATE" = s."INSTALL_DATE", t."ESTIMATED" = s."ESTIMATED",
                    t."CONNECTION" = s."CONNECTION"
                WHEN NOT MATCHED THEN INSERT ("ORG_ID", "DEVICE_ID", "ACCOUNT_ID", "LOCATION_ID", "FLOWTIME",
                    "REGISTER_VALUE", "REGISTER_UNIT", "INTERVAL_VALUE", "INTERVAL_UNIT", "BATTERY", "INSTALL_DATE",
                    "ESTIMATED", "CONNECTION")
                VALUES (s."ORG_ID", s."DEVICE_ID", s."ACCOUNT_ID", s."LOCATION_ID", s."FLOWTIME",
                    s."REGISTER_VALUE", s."REGISTER_UNIT", s."INTERVAL_VALUE", s."INTERVAL_UNIT", s."BATTERY",
                    s."INSTALL_DATE", s."ESTIMATED", s."CONNECTION")""");
    }

    @Test
    void mergesRawRowsByOrgAndTheVendorsKeysNullSafely() {
        TableDef beacon = RawTable.of(BEACON_READS).definition();
        String merge = normalized(dialect.upsertFromStaging(beacon).get(0));

        assertThat(merge).startsWith("MERGE INTO \"BEACON_360_BASE\" AS t USING (SELECT \"ORG_ID\", "
                        + "TO_TIMESTAMP_TZ(\"CREATED_TIME\", 6) AS \"CREATED_TIME\", \"DEVICE_ID\",")
                .contains("FROM \"STG_BEACON_360_BASE\") AS s ON t.\"ORG_ID\" = s.\"ORG_ID\""
                        + " AND t.\"DEVICE_ID\" IS NOT DISTINCT FROM s.\"DEVICE_ID\""
                        + " AND t.\"READ_TIME\" IS NOT DISTINCT FROM s.\"READ_TIME\""
                        + " AND t.\"LOCAL_TIME_OFFSETS\" IS NOT DISTINCT FROM s.\"LOCAL_TIME_OFFSETS\" WHEN MATCHED THEN UPDATE SET"
                        + " t.\"CREATED_TIME\" = s.\"CREATED_TIME\", t.\"ACCOUNT_ID\" = s.\"ACCOUNT_ID\",")
                .contains("t.\"READ\" = s.\"READ\"")
                .contains("WHEN NOT MATCHED THEN INSERT (\"ORG_ID\", \"CREATED_TIME\", \"DEVICE_ID\",");
        assertThat(dialect.createTable(beacon).get(0)).doesNotContain("PRIMARY KEY");
    }

    @Test
    void closesAChangedCurrentMeterWithAMergeGuardedByTheVersionTime() {
        assertSql(dialect.closeChangedMeters(), """
                MERGE INTO "METERS" AS m USING (SELECT "ORG_ID", "DEVICE_ID", "ACCOUNT_ID", "LOCATION_ID", "METER_ID",
                    "ENDPOINT_ID", TO_TIMESTAMP_TZ("METER_INSTALL_DATE", 6) AS "METER_INSTALL_DATE", "METER_SIZE",
                    "METER_MANUFACTURER", "MULTIPLIER", "LOCATION_ADDRESS", "LOCATION_CITY", "LOCATION_STATE",
                    "LOCATION_ZIP", TO_TIMESTAMP_TZ("ROW_ACTIVE_FROM", 6) AS "ROW_ACTIVE_FROM", "KAFKA_PARTITION",
                    "KAFKA_OFFSET" FROM "STG_METERS") AS s
                ON m."ORG_ID" = s."ORG_ID" AND m."DEVICE_ID" = s."DEVICE_ID" AND m."ROW_ACTIVE_UNTIL" IS NULL
                WHEN MATCHED AND (s."ROW_ACTIVE_FROM" > m."ROW_ACTIVE_FROM" OR (s."ROW_ACTIVE_FROM" = m."ROW_ACTIVE_FROM"
                    AND (s."KAFKA_PARTITION" > COALESCE(m."KAFKA_PARTITION", -1) OR (s."KAFKA_PARTITION" =
                    COALESCE(m."KAFKA_PARTITION", -1) AND s."KAFKA_OFFSET" > COALESCE(m."KAFKA_OFFSET", -1))))) AND (
                       m."ACCOUNT_ID" IS DISTINCT FROM s."ACCOUNT_ID"
                    OR m."LOCATION_ID" IS DISTINCT FROM s."LOCATION_ID"
                    OR m."METER_ID" IS DISTINCT FROM s."METER_ID"
                    OR m."ENDPOINT_ID" IS DISTINCT FROM s."ENDPOINT_ID"
                    OR m."METER_INSTALL_DATE" IS DISTINCT FROM s."METER_INSTALL_DATE"
                    OR m."METER_SIZE" IS DISTINCT FROM s."METER_SIZE"
                    OR m."METER_MANUFACTURER" IS DISTINCT FROM s."METER_MANUFACTURER"
                    OR m."MULTIPLIER" IS DISTINCT FROM s."MULTIPLIER"
                    OR m."LOCATION_ADDRESS" IS DISTINCT FROM s."LOCATION_ADDRESS"
                    OR m."LOCATION_CITY" IS DISTINCT FROM s."LOCATION_CITY"
                    OR m."LOCATION_STATE" IS DISTINCT FROM s."LOCATION_STATE"
                    OR m."LOCATION_ZIP" IS DISTINCT FROM s."LOCATION_ZIP")
                THEN UPDATE SET m."ROW_ACTIVE_UNTIL" = s."ROW_ACTIVE_FROM\"""");
    }

    @Test
    void insertsOlderVersionsBehindTheCurrentRowAndShortensTheRowTheyInterrupt() {
        String insert = normalized(dialect.insertOlderMeterVersions());
        assertThat(insert).startsWith("INSERT INTO \"METERS\" (")
                .contains("COALESCE(min(n.\"ROW_ACTIVE_FROM\"), s.\"ROW_ACTIVE_FROM\")")
                .contains("AND NOT (s.\"ROW_ACTIVE_FROM\" > m.\"ROW_ACTIVE_FROM\"")
                .contains("GROUP BY s.\"ORG_ID\", s.\"DEVICE_ID\"");
        String shorten = normalized(dialect.shortenOverlappedMeterVersions());
        assertThat(shorten).startsWith("UPDATE \"METERS\" AS h SET \"ROW_ACTIVE_UNTIL\" = s.\"ROW_ACTIVE_FROM\" FROM (SELECT")
                .contains("h.\"ROW_ACTIVE_UNTIL\" IS NOT NULL AND h.\"ROW_ACTIVE_FROM\" < s.\"ROW_ACTIVE_FROM\"");
    }

    @Test
    void insertsANewVersionForEveryStagedMeterWithoutACurrentRow() {
        assertSql(dialect.insertNewMeterVersions(), """
                INSERT INTO "METERS" ("ORG_ID", "DEVICE_ID", "ACCOUNT_ID", "LOCATION_ID", "METER_ID", "ENDPOINT_ID",
                    "METER_INSTALL_DATE", "METER_SIZE", "METER_MANUFACTURER", "MULTIPLIER", "LOCATION_ADDRESS",
                    "LOCATION_CITY", "LOCATION_STATE", "LOCATION_ZIP", "ROW_ACTIVE_FROM", "KAFKA_PARTITION",
                    "KAFKA_OFFSET", "ROW_ACTIVE_UNTIL")
                SELECT s."ORG_ID", s."DEVICE_ID", s."ACCOUNT_ID", s."LOCATION_ID", s."METER_ID", s."ENDPOINT_ID",
                    s."METER_INSTALL_DATE", s."METER_SIZE", s."METER_MANUFACTURER", s."MULTIPLIER",
                    s."LOCATION_ADDRESS", s."LOCATION_CITY", s."LOCATION_STATE", s."LOCATION_ZIP", s."ROW_ACTIVE_FROM",
                    s."KAFKA_PARTITION", s."KAFKA_OFFSET", NULL
                FROM (SELECT "ORG_ID", "DEVICE_ID", "ACCOUNT_ID", "LOCATION_ID", "METER_ID", "ENDPOINT_ID",
                    TO_TIMESTAMP_TZ("METER_INSTALL_DATE", 6) AS "METER_INSTALL_DATE", "METER_SIZE",
                    "METER_MANUFACTURER", "MULTIPLIER", "LOCATION_ADDRESS", "LOCATION_CITY", "LOCATION_STATE",
                    "LOCATION_ZIP", TO_TIMESTAMP_TZ("ROW_ACTIVE_FROM", 6) AS "ROW_ACTIVE_FROM", "KAFKA_PARTITION",
                    "KAFKA_OFFSET" FROM "STG_METERS") AS s
                WHERE NOT EXISTS (SELECT 1 FROM "METERS" AS m WHERE m."ORG_ID" = s."ORG_ID"
                    AND m."DEVICE_ID" = s."DEVICE_ID" AND m."ROW_ACTIVE_UNTIL" IS NULL)""");
    }

    @Test
    void storesOffsetsWithAMergeOfBoundValues() {
        assertSql(dialect.upsertOffset(), """
                MERGE INTO "AMI_CONSUMER_OFFSETS" AS t USING (SELECT ? AS "CONSUMER_GROUP", ? AS "TOPIC",
                    ? AS "KAFKA_PARTITION", ? AS "NEXT_OFFSET", TO_TIMESTAMP_TZ(?, 6) AS "UPDATED_AT",
                    ? AS "TOPIC_ID") AS s
                ON t."CONSUMER_GROUP" = s."CONSUMER_GROUP" AND t."TOPIC" = s."TOPIC"
                    AND t."KAFKA_PARTITION" = s."KAFKA_PARTITION"
                WHEN MATCHED THEN UPDATE SET t."NEXT_OFFSET" = s."NEXT_OFFSET", t."UPDATED_AT" = s."UPDATED_AT",
                    t."TOPIC_ID" = s."TOPIC_ID"
                WHEN NOT MATCHED THEN INSERT ("CONSUMER_GROUP", "TOPIC", "KAFKA_PARTITION", "NEXT_OFFSET", "UPDATED_AT",
                    "TOPIC_ID")
                VALUES (s."CONSUMER_GROUP", s."TOPIC", s."KAFKA_PARTITION", s."NEXT_OFFSET", s."UPDATED_AT",
                    s."TOPIC_ID")""");
        assertSql(dialect.selectOffsets(), """
                SELECT "TOPIC", "KAFKA_PARTITION", "NEXT_OFFSET", "TOPIC_ID" FROM "AMI_CONSUMER_OFFSETS"
                WHERE "CONSUMER_GROUP" = ?""");
    }

    @Test
    void recordsRunProgressAndLoadEvents() {
        assertSql(dialect.insertRunLoad(), """
                INSERT INTO "AMI_RUN_LOADS" ("CONSUMER_GROUP", "RUN_ID", "ORG_ID", "TOPIC", "KAFKA_PARTITION",
                    "RECORDS", "LAST_OFFSET", "LOADED_AT") VALUES (?, ?, ?, ?, ?, ?, ?, TO_TIMESTAMP_TZ(?, 6))""");
        assertSql(dialect.selectRunLoads(2), """
                SELECT "RUN_ID", min("ORG_ID"), "TOPIC", "KAFKA_PARTITION", sum("RECORDS"), max("LAST_OFFSET")
                FROM "AMI_RUN_LOADS" WHERE "CONSUMER_GROUP" = ? AND "RUN_ID" IN (?, ?)
                GROUP BY "RUN_ID", "TOPIC", "KAFKA_PARTITION\"""");
        assertSql(dialect.insertLoadEvent(), """
                MERGE INTO "AMI_LOAD_EVENTS" AS t USING (SELECT ? AS "CONSUMER_GROUP", ? AS "RUN_ID",
                    TO_TIMESTAMP_TZ(?, 6) AS "PUBLISHED_AT") AS s
                ON t."CONSUMER_GROUP" = s."CONSUMER_GROUP" AND t."RUN_ID" = s."RUN_ID"
                WHEN NOT MATCHED THEN INSERT ("CONSUMER_GROUP", "RUN_ID", "PUBLISHED_AT")
                VALUES (s."CONSUMER_GROUP", s."RUN_ID", s."PUBLISHED_AT")""");
    }

    @Test
    void looksUpColumnsByTheirUpperCaseCatalogNames() {
        assertSql(dialect.selectColumnNames(), """
                SELECT column_name FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA()
                AND table_name = ?""");
        assertThat(dialect.catalogName("beacon_360_base")).isEqualTo("BEACON_360_BASE");
        assertSql(dialect.addColumn("beacon_360_base", Column.nullable("signal_strength", ColumnType.TEXT)),
                "ALTER TABLE \"BEACON_360_BASE\" ADD COLUMN \"SIGNAL_STRENGTH\" VARCHAR");
    }

    @Test
    void countsDuplicatesAndDailyReadingsForTheChecks() {
        assertSql(dialect.duplicateCurrentMeters(), """
                SELECT "ORG_ID", "DEVICE_ID", count(*) AS "CURRENT_ROWS" FROM "METERS"
                WHERE "ROW_ACTIVE_UNTIL" IS NULL GROUP BY "ORG_ID", "DEVICE_ID" HAVING count(*) > 1""");
        assertSql(dialect.duplicateReadings(), """
                SELECT "ORG_ID", "DEVICE_ID", DATE_PART(EPOCH_MICROSECOND, "FLOWTIME") AS "FLOWTIME_US",
                    count(*) AS "COPIES" FROM "READINGS" GROUP BY "ORG_ID", "DEVICE_ID", "FLOWTIME"
                HAVING count(*) > 1""");
        assertSql(dialect.dailyReadingCounts(ZoneId.of("America/Los_Angeles")), """
                SELECT TO_VARCHAR(CAST(CONVERT_TIMEZONE('America/Los_Angeles', "FLOWTIME") AS DATE), 'YYYY-MM-DD')
                    AS "DAY", count(*) AS "READINGS" FROM "READINGS" WHERE "ORG_ID" = ? GROUP BY 1 ORDER BY 1""");
    }

    @Test
    void printsTheDdlOfEveryTableIncludingRunProgress() {
        String ddl = dialect.ddl(List.of(BEACON_READS));

        assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS \"READINGS\" (", "CREATE TABLE IF NOT EXISTS \"METERS\" (",
                "CREATE TABLE IF NOT EXISTS \"AMI_CONSUMER_OFFSETS\" (", "CREATE TABLE IF NOT EXISTS \"AMI_RUN_LOADS\" (",
                "CREATE TABLE IF NOT EXISTS \"AMI_LOAD_EVENTS\" (", "CREATE TABLE IF NOT EXISTS \"BEACON_360_BASE\" (",
                "\"CREATED_TIME\" TIMESTAMP_TZ(9)", "\"SOURCE_RECORD\" NUMBER(38,0)");
        assertThat(WarehouseSinks.dialect("snowflake")).isInstanceOf(SnowflakeDialect.class);
    }
}
