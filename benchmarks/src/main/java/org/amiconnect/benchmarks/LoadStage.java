package org.amiconnect.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.testsupport.postgres.ScratchSchema;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stage (c): the warehouse loader alone, on normalized topics filled before the clock starts. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Stage (c) load: LoaderService alone on ami.meters and ami.meter-reads filled beforehand with "
                + "what the transformer makes of --meters × 24 × --days Beacon 360 rows. Timed from start() until every "
                + "record is in the warehouse (readings upserted, meter versions merged, offsets stored).",
                "--sink duckdb: a DuckDB file in the temporary directory; --sink postgresql: a scratch schema on "
                        + "127.0.0.1:5432 database test user postgres, dropped afterwards."})
final class LoadStage implements Callable<Integer> {

    /** The warehouses the load stage can fill. */
    enum Sink { duckdb, postgresql }

    @Mixin
    StageOptions options;

    @Option(names = "--sink", defaultValue = "duckdb", description = "duckdb or postgresql (default: ${DEFAULT-VALUE}).")
    Sink sink;

    @Option(names = "--loaders", defaultValue = "1",
            description = "Loader instances in the JVM, one consumer group: they share the topics' partitions (default: "
                    + "${DEFAULT-VALUE}). PostgreSQL only when above 1: a DuckDB file has one writer.")
    int loaders;

    @Option(names = "--postgres-server", defaultValue = ScratchSchema.SERVER,
            description = "JDBC URL of the PostgreSQL server, with a query string (default: ${DEFAULT-VALUE}).")
    String postgresServer;

    @Override
    public Integer call() throws Exception {
        if (sink == Sink.postgresql) {
            try (ScratchSchema schema = ScratchSchema.create(postgresServer, "bench_load")) {
                return run("type: postgresql, url: \"" + schema.url() + "\"");
            }
        }
        return run(null);
    }

    private int run(String sinkYaml) throws Exception {
        try (BenchCluster cluster = BenchCluster.start(options.meters, sinkYaml)) {
            System.out.printf("Load (%s): filling ami.meters and ami.meter-reads with %,d reads...%n", sink,
                    options.expectedReads());
            long[] filled = new TopicFill(cluster).normalized(options);
            long records = filled[0] + filled[1];
            SinkConfig sinkConfig = cluster.config().sinks().get(0);
            List<LoaderService> instances = new ArrayList<>();
            try {
                for (int i = 0; i < loaders; i++) {
                    instances.add(new LoaderService(cluster.config(), sinkConfig, cluster.clients(), cluster.topics(),
                            cluster.registry(), List.of()));
                }
                System.out.printf("Load (%s): %,d readings and %,d meters, %d loader(s)%n", sink, filled[0], filled[1],
                        loaders);
                StageClock.Timed timed;
                try (StageClock clock = StageClock.start()) {
                    instances.forEach(LoaderService::start);
                    Waits.until(options.timeout, () -> {
                        for (LoaderService loader : instances) {
                            if (loader.stats().lastError().isPresent() && !loader.isHealthy()) {
                                throw new IllegalStateException(
                                        "the loader failed: " + loader.stats().lastError().get());
                            }
                        }
                        return instances.stream().mapToLong(l -> l.stats().recordsConsumed()).sum() >= records;
                    });
                    timed = clock.stop();
                }
                StageResult result = new StageResult("load", filled[0], cluster.bytesOf(cluster.topics().meterReads(),
                        cluster.topics().meters()), timed)
                        .with("sink", sink.name()).with("meters", options.meters).with("days", options.days)
                        .with("loaders", loaders)
                        .with("batches", instances.stream().mapToLong(l -> l.stats().batches()).sum())
                        .with("batch_records", cluster.config().loader().batchRecords())
                        .with("meter_rows", instances.stream().mapToLong(l -> l.stats().metersInserted()).sum());
                result.print(sink == Sink.duckdb ? "≥ 250,000 rows/s into DuckDB" : "≥ 80,000 rows/s into PostgreSQL");
                result.append(options.results);
            } finally {
                instances.forEach(LoaderService::close);
            }
        }
        return 0;
    }
}
