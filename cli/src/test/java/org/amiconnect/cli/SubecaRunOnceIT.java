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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated Subeca utility end to end through {@code amiconnect run --once}: the Subeca simulator over HTTP, the
 * account, usage and latest-reading raw topics, the transformer's join of reads to accounts, and the DuckDB warehouse.
 * The simulator answers some accounts in gallons, leaves some usage values empty and some usages without a device, and
 * lists two accounts without a device.
 */
class SubecaRunOnceIT {

    private static final String ORG = "it_subeca";
    private static final int METERS = 40;
    private static final long SEED = 9;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    // the standard tick at or before this instant is 2026-06-11 12:00 PDT (19:00Z): window 06-09 19:00Z .. 06-11 19:00Z,
    // whose UTC days 06-09 .. 06-11 Subeca serves whole
    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");
    private static final Instant FIRST_HOUR = Instant.parse("2026-06-09T00:00:00Z");
    private static final Instant END_OF_LAST_DAY = Instant.parse("2026-06-12T00:00:00Z");
    /** Gallons are printed to 0.1 gal (0.0134 CF), cubic feet to 0.01. */
    private static final double PRINTED_PRECISION_CF = 0.0068;

    @TempDir
    static Path dir;

    @Test
    void loadsTheHourlyUsagesAndLatestRegistersWithTheAccountAsAccountAndLocation() throws Exception {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("api_key", "it-subeca-key"))
                .source("subeca", ORG, "timezone", ZONE.getId(), "api_url", "https://it.api.subeca.online",
                        "simulate", Map.of("meters", METERS, "seed", SEED), "retry_backoff", "100ms", "sinks",
                        List.of("wh"))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();

        int exit = AmiConnect.execute("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        assertThat(exit).isZero();
        UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
        Map<String, SimulatedRead> expected = new HashMap<>();
        generator.reads(FIRST_HOUR, END_OF_LAST_DAY).forEach(r ->
                expected.put(deviceId(r.meter()) + "@" + r.instant().truncatedTo(ChronoUnit.HOURS), r));
        assertThat(expected).hasSize(METERS * 72);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse)) {
            long usages = count(c, "SELECT count(*) FROM subeca_usage_base");
            long emptyValues = count(c, "SELECT count(*) FROM subeca_usage_base WHERE value = ''");
            assertThat(usages).isBetween(METERS * 72L - 30, METERS * 72L); // usages without a device are dropped
            assertThat(count(c, "SELECT count(*) FROM subeca_account_base")).isEqualTo(METERS);
            assertThat(count(c, "SELECT count(*) FROM subeca_device_latest_read_base")).isEqualTo(METERS);

            Map<String, Row> intervals = readings(c, "interval_value IS NOT NULL");
            assertThat(intervals).hasSize((int) (usages - emptyValues));
            for (Map.Entry<String, Row> e : intervals.entrySet()) {
                SimulatedRead read = expected.get(e.getKey());
                assertThat(read).as("generated read of %s", e.getKey()).isNotNull();
                assertThat(e.getValue().value).as("interval of %s", e.getKey())
                        .isCloseTo(read.flowCf(), within(PRINTED_PRECISION_CF));
                String account = accountId(read.meter());
                assertThat(e.getValue().account).isEqualTo(account);
                assertThat(e.getValue().location).isEqualTo(account);
            }
            assertThat(count(c, "SELECT count(*) FROM readings WHERE org_id = '" + ORG
                    + "' AND register_value IS NOT NULL")).isEqualTo(METERS);

            Map<String, String> meters = currentMeterAccounts(c);
            assertThat(meters).hasSize(METERS);
            for (SimulatedMeter meter : generator.meters()) {
                assertThat(meters).containsEntry(deviceId(meter), accountId(meter));
            }
        }
    }

    /** The simulator's account id of a meter: the generator's account with dots, and a {@code .W} suffix. */
    private static String accountId(SimulatedMeter m) {
        return m.accountId().replace('-', '.') + ".W";
    }

    /** The simulator's device id of a meter: Subeca's hexadecimal style. */
    private static String deviceId(SimulatedMeter m) {
        return String.format("5C2D0851%08X", Long.parseLong(m.endpointSn()));
    }

    private record Row(double value, String account, String location) {
    }

    private static Map<String, Row> readings(Connection c, String where) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), interval_value, account_id, "
                        + "location_id FROM readings WHERE org_id = '" + ORG + "' AND " + where)) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Row(rs.getDouble(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rows;
    }

    private static Map<String, String> currentMeterAccounts(Connection c) throws SQLException {
        Map<String, String> accounts = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, account_id FROM meters WHERE row_active_until IS NULL "
                        + "AND org_id = '" + ORG + "'")) {
            while (rs.next()) {
                accounts.put(rs.getString(1), rs.getString(2));
            }
        }
        return accounts;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
