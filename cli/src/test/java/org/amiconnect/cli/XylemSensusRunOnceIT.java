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
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect run --once} with a simulated Xylem Sensus utility: CMEP files on a real in-process SFTP server,
 * the extractor, the transformer and the DuckDB loader. Every interval is compared with the generator that wrote the
 * files.
 */
class XylemSensusRunOnceIT {

    private static final int METERS = 40;
    private static final long SEED = 13;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "it_sensus";

    @TempDir
    static Path dir;

    @Test
    void theWindowsCmepFilesAreLoadedAsHourlyIntervalsInCubicFeet() throws Exception {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .secret("sources." + ORG, Map.of("sftp_user", "it-sftp", "sftp_password", "it-sftp-password"))
                .source("xylem_sensus", ORG, "timezone", ZONE.getId(), "sftp_host", "sftp.example.com",
                        "sftp_remote_data_directory", "data",
                        "sftp_known_hosts_str", "sftp.example.com ssh-ed25519 "
                                + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                        "simulate", Map.of("meters", METERS, "seed", SEED))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();

        int exit = AmiConnect.execute("run", "--once", "--timeout", "5m", "--state-dir",
                dir.resolve("state").toString(), "-c", config.toString());

        assertThat(exit).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse)) {
            assertThat(count(c, "SELECT count(DISTINCT source) FROM xylem_sensus_meter_and_reads_base"))
                    .as("files of the window's 3 days").isEqualTo(3);
            assertThat(count(c, "SELECT count(*) FROM readings WHERE org_id = '" + ORG + "'"))
                    .isGreaterThan(METERS * 24L);
            assertThat(count(c, "SELECT count(*) FROM meters WHERE org_id = '" + ORG + "' AND row_active_until IS NULL"))
                    .isEqualTo(METERS);

            UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
            Map<String, SimulatedMeter> bySn = generator.meters().stream()
                    .collect(Collectors.toMap(SimulatedMeter::meterSn, Function.identity()));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id, "
                    + "epoch_us(flowtime), interval_value, interval_unit, estimated FROM readings WHERE org_id = '"
                    + ORG + "'")) {
                while (rs.next()) {
                    SimulatedMeter meter = bySn.get(rs.getString(1));
                    assertThat(meter).as("meter %s", rs.getString(1)).isNotNull();
                    Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                    SimulatedRead read = generator.read(meter, flowtime);
                    assertThat(read.instant()).as("flowtime of %s", meter.meterSn()).isEqualTo(flowtime);
                    assertThat(rs.getDouble(3)).as("interval of %s at %s", meter.meterSn(), flowtime)
                            .isCloseTo(read.vendorFlowCf(), within(1e-6));
                    assertThat(rs.getString(4)).isEqualTo("CF");
                    assertThat(rs.getInt(5)).isEqualTo(read.estimatedFlag());
                }
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
