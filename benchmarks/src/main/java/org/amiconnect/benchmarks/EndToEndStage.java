package org.amiconnect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;

import org.amiconnect.cli.AmiConnect;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stage (d): {@code amiconnect run --once} on a simulated utility, timed from start to exit. */
@Command(name = "end-to-end", mixinStandardHelpOptions = true,
        description = {"Stage (d) end to end: `amiconnect run --once` in this JVM against a simulated Beacon 360 "
                + "utility in a temporary directory: embedded broker start, report generation and download over "
                + "HTTP, transactional publish, Kafka Streams (exactly-once) normalization, the DuckDB load and the "
                + "archive, timed from start to exit. One extract of --days days (the `standard` schedule's window)."})
final class EndToEndStage implements Callable<Integer> {

    @Mixin
    StageOptions options;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("amiconnect-bench");
        Path warehouse = dir.resolve("warehouse.duckdb");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: embedded
                  embedded: {data-dir: %s, port: %d, controller-port: %d}
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
                """.formatted(dir.resolve("kafka"), BenchCluster.freePort(), BenchCluster.freePort(),
                BenchCluster.freePort(), dir.resolve("archive"), options.meters, options.days, warehouse));
        Files.writeString(dir.resolve("secrets.yaml"), "sources: {bench_utility: {user: u, password: p}}\n");
        System.out.printf("End to end: %,d meters × %d days through `run --once` (data in %s)%n", options.meters,
                options.days, dir);
        long gc = ProcessStats.gcMillis();
        long start = System.nanoTime();
        int exit = AmiConnect.execute("run", "--once", "--as-of", "2026-06-11T20:00:00Z", "--timeout",
                options.timeout.toMinutes() + "m", "--state-dir", dir.resolve("state").toString(), "-c", config.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        gc = ProcessStats.gcMillis() - gc;
        long readings;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            readings = rs.getLong(1);
        }
        StageResult result = new StageResult("end-to-end", readings, 0, seconds, gc)
                .with("meters", options.meters).with("days", options.days).with("exit", exit)
                .with("note", "includes broker start-up and the simulated vendor's report generation; "
                        + "bytes not measured");
        result.print("≥ 100,000 reads/s at 2.4 M reads, start-up reported separately");
        result.append(options.results);
        return exit;
    }
}
