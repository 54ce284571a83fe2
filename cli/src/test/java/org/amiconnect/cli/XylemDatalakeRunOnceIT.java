package org.amiconnect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Xylem Data Lake source end to end with {@code amiconnect run --once}: the simulator's Keycloak login and Superset
 * SQL Lab over HTTP, the three raw topics, the transformer's join of accounts with interval and register halves, and
 * the DuckDB loader. The warehouse is compared value by value with the simulated utility.
 */
class XylemDatalakeRunOnceIT {

    private static final String ORG = "lake_utility";
    private static final int METERS = 60;
    private static final long SEED = 17;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    // the standard extract's tick at or before this instant is 2026-06-11 12:00 PDT (19:00Z): window = the 6 days before
    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-06-05T19:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-06-11T19:00:00Z");

    @TempDir
    static Path dir;

    static Path config;
    static Path warehouse;

    @BeforeAll
    static void writeConfig() {
        warehouse = dir.resolve("warehouse.duckdb");
        config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .source("xylem_datalake", ORG, "timezone", ZONE.getId(), "agency_code", "simagency",
                        "database_id", 2, "client_id", "datalake-web", "chunk_hours", 24, "query_pause", "0s",
                        "retry_backoff", "100ms", "simulate", Map.of("meters", METERS, "seed", SEED))
                .secret("sources." + ORG, Map.of("username", "lake-it-user", "password", "lake-it-password"))
                .duckdbSink("wh", warehouse)
                .set("loader.batch-interval", "500ms").write();
    }

    @Test
    void loadsEveryReadWithBothHalvesItsAccountAndUtcFlowtimes() throws Exception {
        int exit = AmiConnect.execute("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());
        assertThat(exit).isZero();

        UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
        List<SimulatedRead> expected = generator.reads(WINDOW_START, WINDOW_END).toList();
        assertThat(expected).hasSize(METERS * 144);

        Map<String, Row> rows = readings();
        assertThat(rows).hasSize(expected.size());
        for (SimulatedRead read : expected) {
            String key = read.meter().meterId() + "@" + read.instant().truncatedTo(ChronoUnit.SECONDS);
            Row row = rows.get(key);
            assertThat(row).as("reading %s", key).isNotNull();
            assertThat(row.register).as("register of %s", key).isCloseTo(read.vendorRegisterCf(), within(1e-6));
            assertThat(row.interval).as("interval of %s", key).isCloseTo(read.vendorFlowCf(), within(1e-6));
            assertThat(row.account).as("account of %s", key).isEqualTo(read.meter().accountId());
            assertThat(row.location).as("location of %s", key).isEqualTo(read.meter().locationId());
        }

        Map<String, String> endpoints = currentMeterEndpoints();
        assertThat(endpoints).hasSize(METERS);
        for (SimulatedMeter meter : generator.meters()) {
            assertThat(endpoints).containsEntry(meter.meterId(), meter.endpointSn());
        }
        // one active row per water meter and one electric device (no meter): the inactive rows are never queried
        assertThat(count("SELECT count(*) FROM xylem_datalake_account_base")).isEqualTo(METERS + 1);
        assertThat(count("SELECT count(*) FROM xylem_datalake_water_intervals_base")).isEqualTo(expected.size());
        assertThat(count("SELECT count(*) FROM xylem_datalake_water_registers_base")).isEqualTo(expected.size());
    }

    private record Row(double register, double interval, String account, String location) {
    }

    private static Map<String, Row> readings() throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), register_value, interval_value, "
                        + "account_id, location_id FROM readings WHERE org_id = '" + ORG + "'")) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Row(rs.getDouble(3), rs.getDouble(4), rs.getString(5),
                        rs.getString(6)));
            }
        }
        return rows;
    }

    private static Map<String, String> currentMeterEndpoints() throws SQLException {
        Map<String, String> endpoints = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, endpoint_id FROM meters WHERE row_active_until IS NULL"
                        + " AND org_id = '" + ORG + "'")) {
            while (rs.next()) {
                endpoints.put(rs.getString(1), rs.getString(2));
            }
        }
        return endpoints;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
