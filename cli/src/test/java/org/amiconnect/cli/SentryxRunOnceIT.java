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
 * A simulated Sentryx utility end to end through {@code amiconnect run --once}: the Sentryx simulator over HTTP, the
 * device and consumption raw topics, the transformer's join of consumption to devices, and the DuckDB warehouse. Reads
 * of the two devices the simulator leaves out of its device list are kept without an account.
 */
class SentryxRunOnceIT {

    private static final String ORG = "it_sentryx";
    private static final int METERS = 40;
    /** The simulator's default: devices reporting consumption that its device list leaves out. */
    private static final int UNLISTED = 2;
    private static final long SEED = 9;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    // the standard extract's tick at or before this instant is 2026-06-11 12:00 PDT (19:00Z): window = the 2 days before
    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-06-09T19:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-06-11T19:00:00Z");

    @TempDir
    static Path dir;

    @Test
    void loadsEveryReadingOfTheWindowWithTheAccountOfItsListedDevice() throws Exception {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("api_key", "it-sentryx-key"))
                .source("sentryx", ORG, "timezone", ZONE.getId(), "utility_name", "it-utility",
                        "simulate", Map.of("meters", METERS, "seed", SEED), "retry_backoff", "100ms", "sinks",
                        List.of("wh"))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();

        int exit = AmiConnect.execute("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        assertThat(exit).isZero();
        UtilityGenerator generator = new UtilityGenerator(SEED, METERS + UNLISTED, ZONE);
        List<SimulatedRead> expected = generator.reads(WINDOW_START, WINDOW_END).toList();
        assertThat(expected).hasSize((METERS + UNLISTED) * 48);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse)) {
            assertThat(count(c, "SELECT count(*) FROM sentryx_read_base")).isEqualTo(expected.size());
            assertThat(count(c, "SELECT count(*) FROM sentryx_meter_base")).isEqualTo(METERS);
            long emptyReadings = count(c, "SELECT count(*) FROM sentryx_read_base WHERE reading = ''");
            Map<String, Row> rows = readings(c);
            assertThat(rows).hasSize(expected.size() - (int) emptyReadings);
            for (SimulatedRead read : expected) {
                String key = read.meter().endpointSn() + "@" + read.instant().truncatedTo(ChronoUnit.MINUTES);
                Row row = rows.get(key);
                if (row == null) {
                    continue; // one of the simulator's empty readings: no read
                }
                assertThat(row.register).as("register of %s", key).isCloseTo(read.vendorRegisterCf(), within(1e-9));
                assertThat(row.interval).as("interval of %s", key).isNull();
                boolean listed = read.meter().index() < METERS;
                assertThat(row.account).as("account of %s", key).isEqualTo(listed ? read.meter().accountId() : null);
            }
            Map<String, String> meters = currentMeterAccounts(c);
            assertThat(meters).hasSize(METERS);
            for (SimulatedMeter meter : generator.meters().subList(0, METERS)) {
                assertThat(meters).containsEntry(meter.endpointSn(), meter.accountId());
            }
        }
    }

    private record Row(double register, Double interval, String account) {
    }

    private static Map<String, Row> readings(Connection c) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), register_value, interval_value, "
                        + "account_id FROM readings WHERE org_id = '" + ORG + "'")) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Row(rs.getDouble(3), (Double) rs.getObject(4),
                        rs.getString(5)));
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
