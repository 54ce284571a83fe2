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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect run --once} with a simulated Metersense utility: its Oracle tables on the local PostgreSQL behind
 * an in-process SSH bastion, reached through the adapter's tunnel, joined by the transformer (meters, meter histories,
 * interval and register halves) and loaded into DuckDB. Compared value by value with the seeded generator.
 */
class MetersenseRunOnceIT {

    private static final String ORG = "it_metersense";
    private static final int METERS = 30;
    private static final long SEED = 5;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    @Test
    void loadsEveryWaterReadWithTheAccountItsMeterServedAtThatTime() throws Exception {
        Instant asOf = Instant.now();
        ZonedDateTime noon = asOf.atZone(ZONE).with(LocalTime.NOON);
        Instant windowEnd = (noon.toInstant().isAfter(asOf) ? noon.minusDays(1) : noon).toInstant();
        Instant windowStart = windowEnd.minus(3, ChronoUnit.DAYS);
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("ssh_tunnel_username", "it-tunnel", "ssh_tunnel_password",
                        "it-tunnel-pw", "database_db_name", "postgres", "database_user", "postgres",
                        "database_password", "unused"))
                .source("metersense", ORG, "timezone", ZONE.getId(), "ssh_tunnel_server_host", "bastion.example",
                        "ssh_tunnel_known_hosts", "bastion.example ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYA",
                        "database_host", "db.example", "simulate", Map.of("meters", METERS, "seed", SEED))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();

        CommandRun run = AmiConnectRun.amiconnect("run", "--once", "--as-of", asOf.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        UtilityGenerator utility = new UtilityGenerator(SEED, METERS, ZONE);
        LocalDate changeDay = LocalDate.ofInstant(asOf.truncatedTo(ChronoUnit.HOURS), ZONE).minusDays(1);
        Instant change = changeDay.atStartOfDay(ZONE).toInstant();
        Map<String, Reading> readings = readings(warehouse);
        int expected = 0;
        for (SimulatedMeter m : utility.meters()) {
            for (SimulatedRead r : utility.reads(m, windowStart, windowEnd).toList()) {
                int hour = r.localTime().getHour();
                boolean interval = !(m.index() % 11 == 0 && hour % 6 == 0);
                boolean register = !(m.index() % 7 == 0 && hour % 5 == 0);
                if (!interval && !register) {
                    continue;
                }
                expected++;
                Reading row = readings.get(m.meterId() + "@" + r.instant().truncatedTo(ChronoUnit.MINUTES));
                assertThat(row).as("%s at %s", m.meterId(), r.instant()).isNotNull();
                if (interval) {
                    assertThat(row.interval).isCloseTo(r.vendorFlowCf(), within(1e-9));
                    assertThat(row.estimated).isEqualTo(r.estimatedFlag());
                }
                if (register) {
                    assertThat(row.register).isCloseTo(r.vendorRegisterCf(), within(1e-9));
                }
                // every 10th meter's account changes (every 20th by moving) on the simulator's change day
                String account = m.index() % 10 == 0 && !r.instant().isBefore(change) ? "N" + m.accountId()
                        : m.accountId();
                assertThat(row.account).as("account of %s at %s", m.meterId(), r.instant()).isEqualTo(account);
                String location = m.index() % 20 == 0 && !r.instant().isBefore(change) ? m.locationId() + "9"
                        : m.locationId();
                assertThat(row.location).isEqualTo(location);
            }
        }
        assertThat(readings).hasSize(expected);
        assertThat(count(warehouse, "SELECT count(*) FROM meters WHERE row_active_until IS NULL")).isEqualTo(METERS);
        assertThat(count(warehouse, "SELECT count(*) FROM meters WHERE row_active_until IS NULL AND device_id = '"
                + utility.meter(10).meterId() + "' AND account_id = 'N" + utility.meter(10).accountId() + "'"))
                .isEqualTo(1);
        assertThat(count(warehouse, "SELECT count(*) FROM metersense_meters_base")).isEqualTo(METERS + 2);
        assertThat(run.out()).contains("Exit 0");
    }

    private record Reading(double register, double interval, Integer estimated, String account, String location) {
    }

    private static Map<String, Reading> readings(Path warehouse) throws SQLException {
        Map<String, Reading> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), register_value, interval_value, "
                        + "estimated, account_id, location_id FROM readings WHERE org_id = '" + ORG + "'")) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Reading(rs.getDouble(3), rs.getDouble(4),
                        (Integer) rs.getObject(5), rs.getString(6), rs.getString(7)));
            }
        }
        return rows;
    }

    private static long count(Path warehouse, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
