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
 * {@code amiconnect run --once} with a simulated Xylem Moulton Niguel utility: its Redshift tables on the local
 * PostgreSQL behind an in-process SSH bastion, reached through the adapter's tunnel, joined by the transformer (meter
 * rows, meter histories, ami and register_read halves) and loaded into DuckDB. Compared with the seeded generator.
 */
class MoultonNiguelRunOnceIT {

    private static final String ORG = "it_moulton_niguel";
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
        Instant windowStart = windowEnd.minus(6, ChronoUnit.DAYS);
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("ssh_tunnel_username", "it-tunnel", "ssh_tunnel_password",
                        "it-tunnel-pw", "database_db_name", "postgres", "database_user", "postgres",
                        "database_password", "unused"))
                .source("xylem_moulton_niguel", ORG, "timezone", ZONE.getId(), "ssh_tunnel_server_host", "bastion.example",
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
                expected++;
                Reading row = readings.get(m.meterId() + "@" + r.instant().truncatedTo(ChronoUnit.MINUTES));
                assertThat(row).as("%s at %s", m.meterId(), r.instant()).isNotNull();
                assertThat(row.interval).isCloseTo(r.flowCf(), within(1e-4));
                assertThat(row.estimated).isNull();
                if (!(m.index() % 9 == 0 && r.localTime().getHour() % 4 == 0)) {
                    assertThat(row.register).isCloseTo(r.registerCf(), within(1e-4));
                }
                // every 8th service address changes customer on the simulator's change day
                String account = m.index() % 8 == 0 && !r.instant().isBefore(change) ? "N" + m.accountId()
                        : m.accountId();
                assertThat(row.account).as("account of %s at %s", m.meterId(), r.instant()).isEqualTo(account);
                assertThat(row.location).isEqualTo(m.locationId() + "-1");
            }
        }
        assertThat(readings).hasSize(expected);
        assertThat(count(warehouse, "SELECT count(*) FROM meters WHERE row_active_until IS NULL")).isEqualTo(METERS);
        assertThat(count(warehouse, "SELECT count(*) FROM meters WHERE row_active_until IS NULL AND device_id = '"
                + utility.meter(8).meterId() + "' AND account_id = 'N" + utility.meter(8).accountId() + "'"))
                .isEqualTo(1);
        // meter 0's radio was swapped: the current meter has the current ert
        assertThat(count(warehouse, "SELECT count(*) FROM meters WHERE row_active_until IS NULL AND device_id = '"
                + utility.meter(0).meterId() + "' AND endpoint_id = '" + utility.meter(0).endpointSn() + "'"))
                .isEqualTo(1);
        assertThat(count(warehouse, "SELECT count(*) FROM xylem_moulton_niguel_meter_base")).isEqualTo(METERS + 3);
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
