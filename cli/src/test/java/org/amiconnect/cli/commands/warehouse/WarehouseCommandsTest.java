package org.amiconnect.cli.commands.warehouse;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.amiconnect.cli.AmiConnectRun.assertHelpOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code amiconnect sql ddl}, {@code snowflake connector-config} and {@code checks run}. No broker needed. */
class WarehouseCommandsTest {

    @TempDir
    Path dir;

    private Path config;
    private Path warehouse;

    @BeforeEach
    void writeConfig() {
        warehouse = dir.resolve("warehouse.duckdb");
        config = ConfigFiles.in(dir).set("kafka.topic-prefix", "prod.").set("kafka.partitions", 3)
                .set("schema-registry.url", "https://registry.example.com:8081")
                .duckdbSink("local", warehouse, "notify-command",
                        List.of("sh", "-c", "cat > '" + dir.resolve("notified.json") + "'"))
                .snowflakeSink("sf")
                .beacon360("utility_a", "u", "p", "sinks", List.of("local"))
                .write();
    }

    private String c() {
        return config.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql", "sql ddl", "checks", "checks run", "snowflake", "snowflake connector-config"})
    void everyWarehouseCommandHasHelp(String command) {
        assertHelpOf(command);
    }

    @Test
    void printsTheDdlOfAConfiguredSinkWithTheRawTablesOfItsVendors() {
        CommandRun r = amiconnect("sql", "ddl", "-c", c(), "--sink", "local");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("CREATE TABLE IF NOT EXISTS \"readings\" (", "\"flowtime\" TIMESTAMPTZ NOT NULL",
                "CREATE TABLE IF NOT EXISTS \"meters\" (", "CREATE TABLE IF NOT EXISTS \"ami_consumer_offsets\" (",
                "CREATE TABLE IF NOT EXISTS \"ami_run_loads\" (", "CREATE TABLE IF NOT EXISTS \"beacon_360_base\" (");
    }

    @Test
    void printsTheDdlOfASinkTypeOrOfTheSnowflakeSink() {
        CommandRun snowflake = amiconnect("sql", "ddl", "-c", c(), "--sink", "sf");
        CommandRun postgres = amiconnect("sql", "ddl", "-c", c(), "--type", "postgresql");

        assertThat(snowflake.out()).contains("CREATE TABLE IF NOT EXISTS \"READINGS\" (", "TIMESTAMP_TZ(9)");
        assertThat(postgres.out()).contains("\"register_value\" DOUBLE PRECISION",
                "CREATE UNIQUE INDEX IF NOT EXISTS \"meters_current\"");
        CommandRun ambiguous = amiconnect("sql", "ddl", "-c", c());
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("Several sinks are configured (local, sf); choose one with --sink");
    }

    @Test
    void writesTheSnowflakeConnectorConfigAsJsonOrProperties() throws Exception {
        Path json = dir.resolve("connect/snowflake.json");
        CommandRun written = amiconnect("snowflake", "connector-config", "-c", c(), "--output", json.toString());

        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("Wrote the Snowflake Kafka connector config of sink sf to " + json + " (json)");
        JsonNode connector = new ObjectMapper().readTree(json.toFile());
        assertThat(connector.get("name").asText()).isEqualTo("amiconnect-snowflake-sf");
        assertThat(connector.get("config").get("topics").asText()).isEqualTo("prod.ami.meter-reads,prod.ami.meters");
        assertThat(connector.get("config").get("value.converter.schema.registry.url").asText())
                .isEqualTo("https://registry.example.com:8081");

        CommandRun printed = amiconnect("snowflake", "connector-config", "-c", c(), "--name", "ami-sf");
        Properties properties = new Properties();
        properties.load(new StringReader(printed.out()));
        assertThat(properties.getProperty("name")).isEqualTo("ami-sf");
        assertThat(properties.getProperty("connector.class"))
                .isEqualTo("com.snowflake.kafka.connector.SnowflakeStreamingSinkConnector");
        assertThat(printed.out()).doesNotContain("MIIB");

        CommandRun notSnowflake = amiconnect("snowflake", "connector-config", "-c", c(), "--sink", "local");
        assertThat(notSnowflake.exit()).isEqualTo(1);
        assertThat(notSnowflake.err()).contains("'local' is a duckdb sink");
    }

    @Test
    void checksPassOnACleanWarehouseAndFailWithExitCodeOneAndANotification() throws Exception {
        assertThat(amiconnect("sql", "ddl", "-c", c(), "--sink", "local").exit()).isZero();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement s = db.createStatement()) {
            for (String ddl : amiconnect("sql", "ddl", "-c", c(), "--sink", "local").out().split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        }
        CommandRun clean = amiconnect("checks", "run", "-c", c(), "--sink", "local");
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("Sink local (duckdb ", "PASSED  meters-unique-by-device-id",
                "PASSED  readings-unique-by-device-id-and-flowtime", "PASSED  readings-have-no-data-gaps");
        assertThat(dir.resolve("notified.json")).doesNotExist();

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement s = db.createStatement()) {
            for (int copy = 0; copy < 2; copy++) {
                s.execute("INSERT INTO meters (org_id, device_id, row_active_from) VALUES ('utility_a', 'm-1', "
                        + "TIMESTAMPTZ '2024-08-01 00:00:00+00')");
            }
        }
        CommandRun failed = amiconnect("checks", "run", "-c", c(), "--sink", "local", "--check", "meters-unique-by-device-id");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED  meters-unique-by-device-id: 1 device(s) have more than one current "
                + "meter row", "utility_a/m-1: 2 current rows").doesNotContain("readings-have-no-data-gaps");
        assertThat(Files.readString(dir.resolve("notified.json"))).contains("\"meters-unique-by-device-id\"",
                "\"sink\" : \"local\"");
    }
}
