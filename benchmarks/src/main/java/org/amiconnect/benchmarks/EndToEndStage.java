package org.amiconnect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.amiconnect.cli.AmiConnect;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.apache.commons.io.file.PathUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Stage (d): {@code amiconnect run --once} on a simulated utility. The broker's start-up is timed and reported apart;
 * reads/s are those of {@code run --once} against the running broker, from start to exit.
 */
@Command(name = "end-to-end", mixinStandardHelpOptions = true,
        description = {"Stage (d) end to end: `amiconnect run --once` in this JVM against a simulated Beacon 360 "
                + "utility in a temporary directory: embedded broker start, report generation and download over "
                + "HTTP, transactional publish, Kafka Streams (exactly-once) normalization, the DuckDB load and the "
                + "archive, timed from start to exit. One extract of --days days (the `standard` schedule's window). The "
                + "embedded broker is started first, in this JVM, and its start-up reported separately."})
final class EndToEndStage implements Callable<Integer> {

    @Mixin
    StageOptions options;

    @Option(names = "--batch-records", paramLabel = "N", defaultValue = "50000",
            description = "The loader's `loader.batch-records`: most records per warehouse transaction (default: "
                    + "${DEFAULT-VALUE}, the loader's own default).")
    int batchRecords;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("amiconnect-bench");
        try {
            return run(dir);
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    private int run(Path dir) throws Exception {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = dir.resolve("config.yaml");
        System.out.printf("End to end: %,d meters × %d days through `run --once` (data in %s)%n", options.meters,
                options.days, dir);
        long startupGc = ProcessStats.gcMillis();
        long startupBegin = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), BenchCluster.freePort(),
                BenchCluster.freePort())) {
            double startupSeconds = (System.nanoTime() - startupBegin) / 1e9;
            startupGc = ProcessStats.gcMillis() - startupGc;
            System.out.printf(Locale.ROOT, "Start-up: embedded broker ready in %.2f s (GC %,d ms)%n", startupSeconds,
                    startupGc);
            Files.writeString(config, """
                    kafka:
                      bootstrap-servers: %s
                    schema-registry: {url: embedded, embedded-port: %d}
                    archive: {type: local, path: %s}
                    sources:
                      - type: beacon_360
                        org_id: bench_utility
                        timezone: America/Los_Angeles
                        simulate: {meters: %d, seed: 42}
                        poll_interval: 100ms
                        retry_backoff: 200ms
                        schedules: [{name: standard, interval_days: %d, lag_days: 0, cron: "0 12 * * *"}]
                    sinks:
                      - {type: duckdb, id: wh, path: %s}
                    loader: {batch-records: %d}
                    """.formatted(broker.bootstrapServers(), BenchCluster.freePort(), dir.resolve("archive"),
                    options.meters, options.days, warehouse, batchRecords));
            Files.writeString(dir.resolve("secrets.yaml"), "sources: {bench_utility: {user: u, password: p}}\n");
            int exit;
            StageClock.Timed timed;
            try (StageClock clock = StageClock.start()) {
                exit = AmiConnect.execute("run", "--once", "--as-of", "2026-06-11T20:00:00Z", "--timeout",
                        options.timeout.toMinutes() + "m", "--state-dir", dir.resolve("state").toString(), "-c",
                        config.toString());
                timed = clock.stop();
            }
            long readings;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
                rs.next();
                readings = rs.getLong(1);
            }
            StageResult result = new StageResult("end-to-end", readings, 0, timed)
                    .with("meters", options.meters).with("days", options.days).with("exit", exit)
                    .with("batch_records", batchRecords)
                    .with("startup_s", Math.round(startupSeconds * 1000) / 1000.0).with("startup_gc_ms", startupGc)
                    .with("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024))
                    .with("note", "seconds: run --once against the started broker (services' start, the simulated "
                            + "vendor's report generation, extract, normalize, load, archive); startup_s: the "
                            + "embedded broker's start-up; cpu_s: CPU seconds of the timed part, the process's and "
                            + "its largest thread groups' (beacon360-simulator is the simulated vendor's); bytes not "
                            + "measured");
            result.print("≥ 100,000 reads/s at 2.4 M reads, start-up reported separately; peak RSS ≤ 1.5 GiB");
            result.append(options.results);
            return exit;
        }
    }
}
