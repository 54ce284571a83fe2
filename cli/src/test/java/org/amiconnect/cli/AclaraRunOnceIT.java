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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect run --once} with a simulated Aclara utility: the simulator's files on a real in-process SFTP
 * server (host key checked, password login), the extractor streaming the window's files, the transformer and the
 * DuckDB loader. Every reading is compared with the generator that wrote the files.
 */
class AclaraRunOnceIT {

    private static final int METERS = 40;
    private static final long SEED = 11;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "it_aclara";

    @TempDir
    static Path dir;

    @Test
    void theWindowsFilesAreLoadedWithRegistersInCubicFeetAtUtcReadingTimes() throws Exception {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("sftp_user", "it-sftp", "sftp_password", "it-sftp-password"))
                .source("aclara", ORG, "timezone", ZONE.getId(), "sftp_host", "sftp.example.com",
                        "sftp_remote_data_directory", "data",
                        "sftp_known_hosts_str", "sftp.example.com ssh-ed25519 "
                                + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                        "simulate", Map.of("meters", METERS, "seed", SEED))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();

        int exit = AmiConnect.execute("run", "--once", "--timeout", "5m", "--state-dir",
                dir.resolve("state").toString(), "-c", config.toString());

        assertThat(exit).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse)) {
            assertThat(count(c, "SELECT count(DISTINCT source) FROM aclara_base")).as("files of the window's 3 days")
                    .isEqualTo(3);
            long reads = count(c, "SELECT count(*) FROM aclara_base WHERE accounttype <> 'DETECTOR CHECK'");
            assertThat(reads).isGreaterThan(METERS * 24L);
            assertThat(count(c, "SELECT count(*) FROM readings WHERE org_id = '" + ORG + "'")).isEqualTo(reads);
            assertThat(count(c, "SELECT count(*) FROM readings WHERE org_id = '" + ORG + "' AND register_value IS NULL"))
                    .as("the ERROR reads").isPositive();
            assertThat(count(c, "SELECT count(*) FROM meters WHERE org_id = '" + ORG + "' AND row_active_until IS NULL"))
                    .isEqualTo(METERS);

            UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
            Map<String, SimulatedMeter> bySn = generator.meters().stream()
                    .collect(Collectors.toMap(SimulatedMeter::meterSn, Function.identity()));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id, "
                    + "epoch_us(flowtime), register_value, register_unit FROM readings WHERE org_id = '" + ORG
                    + "' AND register_value IS NOT NULL")) {
                int checked = 0;
                while (rs.next()) {
                    SimulatedMeter meter = bySn.get(rs.getString(1));
                    assertThat(meter).as("meter %s", rs.getString(1)).isNotNull();
                    Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                    double expected = generator.read(meter, flowtime).registerCf();
                    assertThat(rs.getDouble(3)).as("register of %s at %s", meter.meterSn(), flowtime)
                            .isCloseTo(expected, within(0.0006));
                    assertThat(rs.getString(4)).isEqualTo("CF");
                    checked++;
                }
                assertThat(checked).isPositive();
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
