package org.amiconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.DuckDbSink;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The DuckDB warehouse alone, without Kafka: {@code meters × 24 × days} new readings written through
 * {@link DuckDbSink#writeBatch} in batches of {@code --batch} (stage, merge into the keyed readings table, offsets,
 * commit), the snapshot refreshed every 30 s as the loader does. Shows whether the readings key index stays within
 * DuckDB's {@code memory_limit} as the table grows; prints rows/s and the process's RSS every tenth of the run.
 */
@Command(name = "warehouse-fill", mixinStandardHelpOptions = true,
        description = {"The DuckDB sink alone: --meters × 24 × --days new readings in batches (stage, merge, offsets, "
                + "commit) into a growing warehouse in a temporary directory; rows/s and RSS per tenth of the run. "
                + "DuckDB's memory is bounded as in the loader (-Damiconnect.duckdb.memory-limit)."})
final class WarehouseFillStage implements Callable<Integer> {

    private static final Instant FIRST_HOUR = Instant.parse("2026-06-10T07:00:00Z");
    private static final long SNAPSHOT_EVERY_NANOS = 30_000_000_000L;

    @Mixin
    StageOptions options;

    @Option(names = "--batch", defaultValue = "50000", description = "Readings per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--overwrite", defaultValue = "0", paramLabel = "BATCHES",
            description = "After the fill, write this many batches of readings that exist already, spread over the "
                    + "table (a replay into a full warehouse: each batch's append is refused and it is merged), and "
                    + "check the row count is unchanged (default: ${DEFAULT-VALUE}).")
    int overwriteBatches;

    /** The order of overwritten readings; lower case, as typed on the command line. */
    enum OverwriteOrder { meter, hour }

    @Option(names = "--overwrite-order", defaultValue = "meter", paramLabel = "meter|hour",
            description = "Order of the overwritten readings: meter (a meter's hours together, as Beacon 360 reports "
                    + "them) or hour (one hour of many meters, as a vendor delivering a file per interval does) "
                    + "(default: ${DEFAULT-VALUE}).")
    OverwriteOrder overwriteOrder;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("amiconnect-warehouse");
        try {
            run(dir.resolve("warehouse.duckdb"));
            return 0;
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    private void run(Path file) throws IOException {
        long total = options.expectedReads();
        int hours = 24 * options.days;
        System.out.printf("Warehouse fill: %,d readings in batches of %,d into %s%n", total, batchSize, file);
        TopicPartition partition = new TopicPartition("ami.meter-reads", 0);
        long gc = ProcessStats.gcMillis();
        long start = System.nanoTime();
        long lastSnapshot = start;
        long tenth = Math.max(1, total / 10);
        long sliceStart = start;
        long sliceFirstRow = 0;
        try (DuckDbSink sink = new DuckDbSink(file)) {
            sink.createTables(List.of());
            long written = 0;
            while (written < total) {
                int size = (int) Math.min(batchSize, total - written);
                Batch batch = readings(written, size, hours, 0);
                batch.consumed(partition, written + size);
                sink.writeBatch(batch);
                written += size;
                long now = System.nanoTime();
                if (now - lastSnapshot >= SNAPSHOT_EVERY_NANOS) {
                    sink.refreshSnapshot();
                    lastSnapshot = System.nanoTime();
                }
                if (written % tenth < size || written == total) {
                    System.out.printf(Locale.ROOT, "  %,12d rows  %,8.0f rows/s over the last slice  RSS %,d MiB "
                            + "(peak %,d)%n", written, (written - sliceFirstRow) / ((now - sliceStart) / 1e9),
                            ProcessStats.rssMib(), ProcessStats.peakRssMib());
                    sliceStart = now;
                    sliceFirstRow = written;
                }
            }
            if (overwriteBatches > 0) {
                overwrite(sink, file, total, hours, partition);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        OptionalInt threads = DuckDbSink.threads();
        StageResult result = new StageResult("warehouse-fill", total, Files.exists(file) ? Files.size(file) : 0, seconds,
                ProcessStats.gcMillis() - gc)
                .with("meters", options.meters).with("days", options.days).with("batch", batchSize)
                .with("overwrite_batches", overwriteBatches).with("overwrite_order", overwriteOrder)
                .with("duckdb_memory_limit", DuckDbSink.memoryLimit())
                .with("duckdb_threads", threads.isPresent() ? String.valueOf(threads.getAsInt()) : "one per core")
                .with("note", "DuckDbSink.writeBatch alone, no Kafka; bytes: the warehouse file");
        result.print(null);
        result.append(options.results);
    }

    /** Readings {@code first}..{@code first + size - 1} of the fill in topic order, registers raised by {@code add}. */
    private static Batch readings(long first, int size, int hours, double add) {
        Batch batch = new Batch("warehouse-fill");
        for (int i = 0; i < size; i++) {
            // in topic order: a meter's hours together, meter after meter
            batch.addReading(reading(first + i, hours, add));
        }
        return batch;
    }

    /** Hour {@code hour} of meters {@code firstMeter}..{@code firstMeter + size - 1}, registers raised by 0.5. */
    private static Batch hourOfMeters(long hour, long firstMeter, int size, int hours) {
        Batch batch = new Batch("warehouse-fill");
        for (int i = 0; i < size; i++) {
            batch.addReading(reading((firstMeter + i) * hours + hour, hours, 0.5));
        }
        return batch;
    }

    /** Reading {@code n} of the fill: meter {@code n / hours}, hour {@code n % hours}, register {@code n + add}. */
    private static GeneralMeterRead reading(long n, int hours, double add) {
        return TestRecords.meterRead("bench_utility", String.format("M%08d", n / hours),
                FIRST_HOUR.plusSeconds(3600L * (n % hours)), n + add);
    }

    /**
     * Writes {@link #overwriteBatches} batches of existing readings, each from a different part of the table, and
     * prints each batch's seconds; the row count must stay {@code total}.
     *
     * @throws IllegalStateException when the table then holds another number of rows
     */
    private void overwrite(DuckDbSink sink, Path file, long total, int hours, TopicPartition partition)
            throws IOException {
        long meters = total / hours;
        // an hour's batch holds one reading per meter, so no more readings than there are meters
        int size = (int) Math.min(batchSize, overwriteOrder == OverwriteOrder.hour ? meters : total);
        long offset = total;
        long start = System.nanoTime();
        for (int k = 0; k < overwriteBatches; k++) {
            // a stride prime to the table's size spreads the batches over old and recent rows alike
            long first = (k * 7_919L * size) % Math.max(1, total - size + 1);
            long hour = first % hours;
            long firstMeter = (first / hours) % Math.max(1, meters - size + 1);
            boolean byHour = overwriteOrder == OverwriteOrder.hour;
            Batch batch = byHour ? hourOfMeters(hour, firstMeter, size, hours) : readings(first, size, hours, 0.5);
            batch.consumed(partition, ++offset);
            long t = System.nanoTime();
            sink.writeBatch(batch);
            System.out.printf(Locale.ROOT, "  overwrite %3d: %s in %.2f s  RSS %,d MiB%n", k + 1,
                    byHour ? String.format(Locale.ROOT, "hour %d of meters %,d..", hour, firstMeter)
                            : String.format(Locale.ROOT, "readings %,d..", first),
                    (System.nanoTime() - t) / 1e9, ProcessStats.rssMib());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = countReadings(file);
        System.out.printf(Locale.ROOT, "Overwrote %,d batches of %,d existing readings in %.1f s (%,.0f rows/s); "
                + "the table holds %,d rows%n", overwriteBatches, size, seconds, overwriteBatches * size / seconds,
                rows);
        if (rows != total) {
            throw new IllegalStateException("The readings table holds " + rows + " rows after the overwrite, not "
                    + total);
        }
    }

    private static long countReadings(Path file) throws IOException {
        // a second connection in this process shares the sink's database instance (settings come from SET there)
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IOException("Cannot count the readings of " + file + ": " + e.getMessage(), e);
        }
    }
}
