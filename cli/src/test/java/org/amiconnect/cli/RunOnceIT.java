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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect run --once} end to end on the embedded default: a real KRaft broker, the topic-backed schema
 * registry, the Beacon 360 simulator over HTTP, the extractor, the Kafka Streams transformer and the DuckDB loader.
 * The warehouse is compared value by value with what the simulated utility produced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunOnceIT {

    private static final int METERS = 150;
    private static final long SEED = 7;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    // the standard extract's tick at or before this instant is 2026-06-11 12:00 PDT (19:00Z): window = the 2 days before
    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-06-09T19:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-06-11T19:00:00Z");

    @TempDir
    static Path dir;

    static Path config;
    static Path warehouse;

    @BeforeAll
    static void writeConfig() {
        warehouse = dir.resolve("warehouse.duckdb");
        // `run --once` starts the embedded broker of its config: the default run is what this test is about
        config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .simulatedBeacon360("it_utility", METERS, SEED).duckdbSink("wh", warehouse)
                .set("loader.batch-interval", "500ms").write();
    }

    @Test
    @Order(1)
    void loadsEveryGeneratedReadWithItsValuesInCubicFeetAndUtc() throws Exception {
        int exit = AmiConnect.execute("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());
        assertThat(exit).isZero();

        UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
        List<SimulatedRead> expected = generator.reads(WINDOW_START, WINDOW_END).toList();
        assertThat(expected).hasSize(METERS * 48);

        Map<String, Row> rows = readings();
        assertThat(rows).hasSize(expected.size());
        for (SimulatedRead read : expected) {
            String key = read.meter().endpointSn() + "@" + read.instant().truncatedTo(ChronoUnit.MINUTES);
            Row row = rows.get(key);
            assertThat(row).as("reading %s", key).isNotNull();
            assertThat(row.register).as("register of %s", key).isCloseTo(read.vendorRegisterCf(), within(1e-9));
            assertThat(row.interval).as("interval of %s", key).isCloseTo(read.vendorFlowCf(), within(1e-9));
            assertThat(row.estimated).isEqualTo(read.estimatedFlag());
            assertThat(row.registerUnit).isEqualTo("CF");
        }

        Map<String, String> accounts = currentMeterAccounts();
        assertThat(accounts).hasSize(METERS);
        for (SimulatedMeter meter : generator.meters()) {
            String account = meter.accountId().split("-")[0];
            assertThat(accounts).containsEntry(meter.endpointSn(), account);
        }
        assertThat(count("SELECT count(*) FROM beacon_360_base")).isEqualTo(expected.size());
    }

    @Test
    @Order(2)
    void runningAgainLeavesTheSameRows() throws Exception {
        long readings = count("SELECT count(*) FROM readings");
        long meters = count("SELECT count(*) FROM meters");
        long raw = count("SELECT count(*) FROM beacon_360_base");

        int exit = AmiConnect.execute("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "5m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        assertThat(exit).isZero();
        assertThat(count("SELECT count(*) FROM readings")).isEqualTo(readings);
        assertThat(count("SELECT count(*) FROM meters")).isEqualTo(meters);
        assertThat(count("SELECT count(*) FROM beacon_360_base")).isEqualTo(raw);
        assertThat(count("SELECT count(*) FROM (SELECT org_id, device_id, flowtime FROM readings "
                + "GROUP BY ALL HAVING count(*) > 1)")).isZero();
    }

    private record Row(double register, double interval, Integer estimated, String registerUnit) {
    }

    private static Map<String, Row> readings() throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), register_value, interval_value, "
                        + "estimated, register_unit FROM readings WHERE org_id = 'it_utility'")) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Row(rs.getDouble(3), rs.getDouble(4),
                        (Integer) rs.getObject(5), rs.getString(6)));
            }
        }
        return rows;
    }

    private static Map<String, String> currentMeterAccounts() throws SQLException {
        Map<String, String> accounts = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, account_id FROM meters WHERE row_active_until IS NULL")) {
            while (rs.next()) {
                accounts.put(rs.getString(1), rs.getString(2));
            }
        }
        return accounts;
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
