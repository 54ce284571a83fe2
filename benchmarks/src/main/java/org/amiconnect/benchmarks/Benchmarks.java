package org.amiconnect.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.concurrent.Callable;

import org.amiconnect.cli.AmiConnect;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints AMI Connect's throughput figures: JMH micro-benchmarks, then an end-to-end run on a simulated utility. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Measure Beacon 360 normalize and serde throughput (JMH) and end-to-end reads/s of "
                + "`amiconnect run --once` on a simulated utility. Takes a few minutes; run it on an otherwise idle machine.")
public final class Benchmarks implements Callable<Integer> {

    @Option(names = "--meters", defaultValue = "10000", description = "Meters of the end-to-end utility (default: ${DEFAULT-VALUE}); reads = meters × 48.")
    int meters;

    @Option(names = "--skip-jmh", description = "Only the end-to-end run.")
    boolean skipJmh;

    @Option(names = "--skip-end-to-end", description = "Only the JMH benchmarks.")
    boolean skipEndToEnd;

    @Option(names = "--iterations", defaultValue = "5", description = "JMH measurement iterations of 2 s (default: ${DEFAULT-VALUE}).")
    int iterations;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!skipJmh) {
            jmh();
        }
        if (!skipEndToEnd) {
            endToEnd();
        }
        return 0;
    }

    private void jmh() throws Exception {
        Options options = new OptionsBuilder()
                .include(BeaconNormalizeBenchmark.class.getSimpleName())
                .include(SerdeBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("JMH results (one thread)");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceFirst(".*\\.", "");
            var score = r.getPrimaryResult();
            System.out.printf("  %-20s %,12.0f ops/s ± %,.0f%s%n", name, score.getScore(), score.getScoreError(),
                    name.equals("normalizeOneRow") ? "  (= reads/s)" : "");
        }
    }

    private void endToEnd() throws Exception {
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
                sinks:
                  - {type: duckdb, id: wh, path: %s}
                """.formatted(dir.resolve("kafka"), freePort(), freePort(), freePort(), dir.resolve("archive"), meters,
                warehouse));
        Files.writeString(dir.resolve("secrets.yaml"), "sources: {bench_utility: {user: u, password: p}}\n");
        System.out.printf("%nEnd to end: %,d meters × 48 hourly reads through `run --once` (data in %s)%n", meters, dir);
        long start = System.nanoTime();
        int exit = AmiConnect.execute("run", "--once", "--as-of", "2026-06-11T20:00:00Z", "--timeout", "60m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        long readings;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            readings = rs.getLong(1);
        }
        System.out.printf("End to end: exit %d, %,d readings in the warehouse in %.1f s = %,.0f reads/s "
                + "(including broker start-up and the simulated vendor's report generation)%n", exit, readings, seconds,
                readings / seconds);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
