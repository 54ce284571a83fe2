package org.amiconnect.loader.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.amiconnect.testsupport.records.TestRecords;

/**
 * Rows per second of whole batches of readings (stage, merge, offsets, commit) into DuckDB and PostgreSQL, for
 * batches of 10k to 100k reads: new rows into a growing table, and the same keys overwritten (a re-extract).
 *
 * <p>Run: {@code java -cp <test classpath> org.amiconnect.loader.sink.SinkThroughputBenchmark [postgres JDBC URL]}
 * (default: the PostgreSQL on 127.0.0.1:5432, database test, user postgres; "none" skips PostgreSQL).
 */
public final class SinkThroughputBenchmark {

    private static final int[] BATCH_SIZES = {10_000, 50_000, 100_000};
    private static final int DEVICES = 1_000;
    private static final int ROUNDS = 3;

    private SinkThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String postgres = args.length > 0 ? args[0] : ScratchSchema.SERVER;
        System.out.printf("%-10s %8s %-22s %10s %12s%n", "sink", "batch", "kind", "median s", "rows/s");
        Path dir = Files.createTempDirectory("sink-throughput");
        for (int size : BATCH_SIZES) {
            Path file = dir.resolve("bench-" + size + ".duckdb");
            measure("duckdb", size, () -> new DuckDbSink(file));
        }
        if (!postgres.equals("none")) {
            for (int size : BATCH_SIZES) {
                try (ScratchSchema schema = ScratchSchema.create(postgres, "bench")) {
                    measure("postgresql", size, () -> new PostgresSink(schema.url(), null, null));
                }
            }
        }
    }

    private static void measure(String name, int size, Supplier<WarehouseSink> opener) {
        try (WarehouseSink sink = opener.get()) {
            sink.createTables(List.of());
            // warm-up: JIT and the warehouse's caches
            sink.writeBatch(batch(size, -1, 0));
            List<Double> inserts = new ArrayList<>();
            List<Double> overwrites = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                inserts.add(seconds(sink, batch(size, round, 1)));
            }
            for (int round = 0; round < ROUNDS; round++) {
                overwrites.add(seconds(sink, batch(size, round, 2)));
            }
            print(name, size, "new rows", inserts);
            print(name, size, "overwrite existing", overwrites);
        }
    }

    /** A batch of readings: {@code size / DEVICES} hours of every device, the hours chosen by {@code round}. */
    private static Batch batch(int size, int round, int version) {
        Batch batch = new Batch("benchmark");
        int hours = size / DEVICES;
        Instant start = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * hours * (round + 1));
        for (int i = 0; i < size; i++) {
            batch.addReading(TestRecords.meterRead("org", "device-" + (i % DEVICES),
                    start.plusSeconds(3600L * (i / DEVICES)), version * 1000.0 + i));
        }
        batch.consumed(new org.apache.kafka.common.TopicPartition("ami.meter-reads", 0), size);
        return batch;
    }

    private static double seconds(WarehouseSink sink, Batch batch) {
        long t0 = System.nanoTime();
        sink.writeBatch(batch);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void print(String name, int size, String kind, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("%-10s %,8d %-22s %10.3f %,12.0f%n", name, size, kind, median, size / median);
    }
}
