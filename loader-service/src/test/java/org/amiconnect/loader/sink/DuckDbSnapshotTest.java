package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live DuckDB warehouse is locked by the process that loads it; its read-only snapshot is not. Another process
 * (a child JVM here, {@code duckdb -readonly} for a user) cannot open the warehouse while the sink holds it, and reads
 * the snapshot.
 */
class DuckDbSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessReadsTheSnapshotWhileTheWarehouseIsLocked() throws Exception {
        Path file = dir.resolve("warehouse.duckdb");
        try (DuckDbSink sink = new DuckDbSink(file)) {
            sink.createTables(List.of());
            write(sink, meterRead("utility_a", "d1", Instant.parse("2026-11-01T08:00:00Z"), 12.5),
                    meterRead("utility_a", "d1", Instant.parse("2026-11-01T09:00:00Z"), 13.0));

            sink.refreshSnapshot();

            assertThat(DuckDbSink.snapshotOf(file)).isEqualTo(dir.resolve("warehouse.snapshot.duckdb"));
            assertThat(readInAnotherProcess(DuckDbSink.snapshotOf(file))).isEqualTo("2");
            assertThat(readInAnotherProcess(file)).startsWith("failed");
        }
    }

    @Test
    void aLaterRefreshHoldsTheBatchesWrittenSinceAndTheWarehouseLoadsOn() throws Exception {
        Path file = dir.resolve("warehouse.duckdb");
        try (DuckDbSink sink = new DuckDbSink(file)) {
            sink.createTables(List.of());
            write(sink, meterRead("utility_a", "d1", Instant.parse("2026-11-01T08:00:00Z"), 12.5));
            sink.refreshSnapshot();
            assertThat(readInAnotherProcess(DuckDbSink.snapshotOf(file))).isEqualTo("1");

            write(sink, meterRead("utility_a", "d1", Instant.parse("2026-11-01T09:00:00Z"), 13.0),
                    meterRead("utility_a", "d2", Instant.parse("2026-11-01T09:00:00Z"), 4.0));
            assertThat(readInAnotherProcess(DuckDbSink.snapshotOf(file))).as("until the next refresh").isEqualTo("1");

            sink.refreshSnapshot();
            assertThat(readInAnotherProcess(DuckDbSink.snapshotOf(file))).isEqualTo("3");
            assertThat(dir.resolve("warehouse.snapshot.duckdb.next")).doesNotExist();

            write(sink, meterRead("utility_a", "d3", Instant.parse("2026-11-01T10:00:00Z"), 1.0));
        }
        assertThat(readInAnotherProcess(file)).isEqualTo("4");
    }

    /** One batch of {@code reads}, written as the loader writes it. */
    private static void write(DuckDbSink sink, GeneralMeterRead... reads) {
        Batch batch = new Batch("g");
        for (GeneralMeterRead read : reads) {
            batch.addReading(read);
        }
        sink.writeBatch(batch);
    }

    private static String readInAnotherProcess(Path database) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CountReadings.class.getName(), database.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    /** Opens a DuckDB file read-only and prints how many readings it holds, or why it could not. */
    public static final class CountReadings {
        public static void main(String[] args) {
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
                rs.next();
                System.out.println(rs.getLong(1));
            } catch (Exception e) {
                System.out.println("failed: " + e.getMessage().replace('\n', ' '));
            }
        }
    }
}
