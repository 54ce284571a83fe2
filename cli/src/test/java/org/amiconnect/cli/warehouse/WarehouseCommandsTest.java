package org.amiconnect.cli.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.cli.AmiConnect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code amiconnect sql ddl}, {@code snowflake connector-config} and {@code checks run}. No broker needed. */
class WarehouseCommandsTest {

    @TempDir
    Path dir;

    private Path config;
    private Path warehouse;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = AmiConnect.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeEach
    void writeConfig() throws Exception {
        warehouse = dir.resolve("warehouse.duckdb");
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                kafka:
                  topic-prefix: prod.
                  partitions: 3
                schema-registry:
                  url: https://registry.example.com:8081
                sinks:
                  - id: local
                    type: duckdb
                    path: %s
                    notify-command: [sh, -c, "cat > '%s'"]
                  - id: sf
                    type: snowflake
                sources:
                  - type: beacon_360
                    org_id: utility_a
                    sinks: [local]
                """.formatted(warehouse, dir.resolve("notified.json")));
        Files.writeString(dir.resolve("secrets.yaml"), """
                sources:
                  utility_a: {user: u, password: p}
                sinks:
                  sf:
                    account: myorg-account1
                    user: AMI_CONNECTOR
                    role: AMI_ROLE
                    warehouse: AMI_WH
                    database: AMI
                    schema: RAW
                    ssh_key: "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----"
                """);
    }

    private String c() {
        return config.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql", "sql ddl", "checks", "checks run", "snowflake", "snowflake connector-config"})
    void everyWarehouseCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        Result r = run(args.toArray(String[]::new));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: amiconnect " + command);
    }

    @Test
    void printsTheDdlOfAConfiguredSinkWithTheRawTablesOfItsVendors() {
        Result r = run("sql", "ddl", "-c", c(), "--sink", "local");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("CREATE TABLE IF NOT EXISTS \"readings\" (", "\"flowtime\" TIMESTAMPTZ NOT NULL",
                "CREATE TABLE IF NOT EXISTS \"meters\" (", "CREATE TABLE IF NOT EXISTS \"ami_consumer_offsets\" (",
                "CREATE TABLE IF NOT EXISTS \"ami_run_loads\" (", "CREATE TABLE IF NOT EXISTS \"beacon_360_base\" (");
    }

    @Test
    void printsTheDdlOfASinkTypeOrOfTheSnowflakeSink() {
        Result snowflake = run("sql", "ddl", "-c", c(), "--sink", "sf");
        Result postgres = run("sql", "ddl", "-c", c(), "--type", "postgresql");

        assertThat(snowflake.out()).contains("CREATE TABLE IF NOT EXISTS \"READINGS\" (", "TIMESTAMP_TZ(9)");
        assertThat(postgres.out()).contains("\"register_value\" DOUBLE PRECISION",
                "CREATE UNIQUE INDEX IF NOT EXISTS \"meters_current\"");
        Result ambiguous = run("sql", "ddl", "-c", c());
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("Several sinks are configured (local, sf); choose one with --sink");
    }

    @Test
    void writesTheSnowflakeConnectorConfigAsJsonOrProperties() throws Exception {
        Path json = dir.resolve("connect/snowflake.json");
        Result written = run("snowflake", "connector-config", "-c", c(), "--output", json.toString());

        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("Wrote the Snowflake Kafka connector config of sink sf to " + json + " (json)");
        JsonNode connector = new ObjectMapper().readTree(json.toFile());
        assertThat(connector.get("name").asText()).isEqualTo("amiconnect-snowflake-sf");
        assertThat(connector.get("config").get("topics").asText()).isEqualTo("prod.ami.meter-reads,prod.ami.meters");
        assertThat(connector.get("config").get("value.converter.schema.registry.url").asText())
                .isEqualTo("https://registry.example.com:8081");

        Result printed = run("snowflake", "connector-config", "-c", c(), "--name", "ami-sf");
        Properties properties = new Properties();
        properties.load(new StringReader(printed.out()));
        assertThat(properties.getProperty("name")).isEqualTo("ami-sf");
        assertThat(properties.getProperty("connector.class"))
                .isEqualTo("com.snowflake.kafka.connector.SnowflakeStreamingSinkConnector");
        assertThat(printed.out()).doesNotContain("MIIB");

        Result notSnowflake = run("snowflake", "connector-config", "-c", c(), "--sink", "local");
        assertThat(notSnowflake.exit()).isEqualTo(1);
        assertThat(notSnowflake.err()).contains("'local' is a duckdb sink");
    }

    @Test
    void checksPassOnACleanWarehouseAndFailWithExitCodeOneAndANotification() throws Exception {
        assertThat(run("sql", "ddl", "-c", c(), "--sink", "local").exit()).isZero();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement s = db.createStatement()) {
            for (String ddl : run("sql", "ddl", "-c", c(), "--sink", "local").out().split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
        }
        Result clean = run("checks", "run", "-c", c(), "--sink", "local");
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
        Result failed = run("checks", "run", "-c", c(), "--sink", "local", "--check", "meters-unique-by-device-id");

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED  meters-unique-by-device-id: 1 device(s) have more than one current "
                + "meter row", "utility_a/m-1: 2 current rows").doesNotContain("readings-have-no-data-gaps");
        assertThat(Files.readString(dir.resolve("notified.json"))).contains("\"meters-unique-by-device-id\"",
                "\"sink\" : \"local\"");
    }
}
