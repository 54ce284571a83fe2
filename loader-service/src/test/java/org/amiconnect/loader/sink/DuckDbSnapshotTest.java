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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void twoSinksOnOneFileWriteAndRefreshTheSnapshotAtOnceWithoutFailing() throws Exception {
        Path file = dir.resolve("warehouse.duckdb");
        int rounds = 15;
        try (DuckDbSink first = new DuckDbSink(file); DuckDbSink second = new DuckDbSink(file)) {
            first.createTables(List.of());
            ExecutorService loaders = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (DuckDbSink sink : List.of(first, second)) {
                    String device = sink == first ? "d1" : "d2";
                    done.add(loaders.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            write(sink, meterRead("utility_a", device,
                                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * i), (double) i));
                            sink.refreshSnapshot();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                loaders.shutdownNow();
            }
            first.refreshSnapshot();
            assertThat(readInAnotherProcess(DuckDbSink.snapshotOf(file))).isEqualTo(String.valueOf(2 * rounds));
        }
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
