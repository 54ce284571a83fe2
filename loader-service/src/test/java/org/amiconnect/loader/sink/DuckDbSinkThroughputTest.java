package org.amiconnect.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.amiconnect.testsupport.records.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A first measure of upsert speed; the benchmarks module measures properly. */
class DuckDbSinkThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(DuckDbSinkThroughputTest.class);
    private static final int READINGS = 100_000;
    private static final int DEVICES = 1_000;

    @TempDir
    Path dir;

    @Test
    void upsertsABatchOf100kReadings() throws Exception {
        Path file = dir.resolve("throughput.duckdb");
        try (DuckDbSink sink = new DuckDbSink(file); Warehouse warehouse = new Warehouse(file)) {
            sink.createTables(List.of());
            Instant start = Instant.parse("2024-08-01T00:00:00Z");
            String[] rounds = {"new rows", "new rows, table not empty", "overwrite the first batch",
                "overwrite the second batch"};
            for (int round = 0; round < rounds.length; round++) {
                Instant from = start.plusSeconds(3600L * (READINGS / DEVICES) * (round % 2));
                Batch batch = new Batch("throughput");
                for (int i = 0; i < READINGS; i++) {
                    batch.addReading(TestRecords.meterRead("org", "device-" + (i % DEVICES),
                            from.plusSeconds(3600L * (i / DEVICES)), round * 1000.0 + i));
                }
                long t0 = System.nanoTime();
                BatchResult result = sink.writeBatch(batch);
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(result.readingsUpserted()).isEqualTo(READINGS);
                String line = String.format("DuckDB upsert of %,d readings (%s): %.2f s = %,.0f rows/s", READINGS,
                        rounds[round], seconds, READINGS / seconds);
                log.info(line);
                System.out.println(line);
            }
            assertThat(warehouse.count("SELECT count(*) FROM readings")).isEqualTo(2L * READINGS);
            // rounds 3 and 4 wrote values from 2000 up over every row of rounds 1 and 2
            assertThat(warehouse.count("SELECT count(*) FROM readings WHERE register_value < 2000")).isZero();
        }
    }
}
