package org.amiconnect.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.transformer.TransformerService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Stage (e): transformer and DuckDB loader running while raw reads arrive at a steady rate; the latency of each read
 * from its publish to its warehouse row.
 */
@Command(name = "continuous", mixinStandardHelpOptions = true,
        description = {"Stage (e) continuous: TransformerService and a DuckDB LoaderService run while raw Beacon 360 "
                + "rows are published at --rate reads/s, in one transaction per 100 ms tick, for --duration (or until "
                + "the --meters × --days utility is used up). Latency of a read = the loader's loaded_at of the batch "
                + "that wrote its row (ami_run_loads, one run id per tick) − the start of its tick; p50/p95/p99 over "
                + "all reads. Service settings are the defaults (transformer commit interval 1 s, loader batch "
                + "interval 2 s)."})
final class ContinuousStage implements Callable<Integer> {

    private static final Duration TICK = Duration.ofMillis(100);

    @Mixin
    StageOptions options;

    @Option(names = "--rate", defaultValue = "5000", description = "Raw reads published per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", converter = StageOptions.DurationConverter.class,
            description = "How long reads are published (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.start(options.meters, null)) {
            TransformerService transformer = new TransformerService(cluster.config().sources(), cluster.adapters(),
                    cluster.clients(), cluster.topics(), cluster.registry(), cluster.dir().resolve("streams"));
            LoaderService loader = new LoaderService(cluster.config(), cluster.config().sinks().get(0), cluster.clients(),
                    cluster.topics(), cluster.registry(), List.of());
            Map<String, Instant> tickStarts = new HashMap<>();
            long published;
            double seconds;
            long gc;
            try {
                transformer.start();
                loader.start();
                Waits.until(options.timeout, () -> transformer.state() == KafkaStreams.State.RUNNING);
                System.out.printf("Continuous: publishing %,d reads/s for %s%n", rate, duration);
                gc = ProcessStats.gcMillis();
                long start = System.nanoTime();
                published = publish(cluster, tickStarts);
                seconds = (System.nanoTime() - start) / 1e9;
                long expected = published;
                // every raw record normalized, then every normalized record (reads and changed meters) loaded
                Waits.until(options.timeout, () -> transformer.metrics().rawRecords() >= expected);
                long normalized = transformer.metrics().reads() + transformer.metrics().meters();
                Waits.until(options.timeout, () -> loader.stats().recordsConsumed() >= normalized);
                gc = ProcessStats.gcMillis() - gc;
            } finally {
                loader.close();
                transformer.close();
            }
            List<long[]> latencies = latencies(cluster, tickStarts);
            StageResult result = new StageResult("continuous", published, cluster.bytesOf(cluster.rawTopic()), seconds, gc)
                    .with("meters", options.meters).with("days", options.days).with("rate", rate)
                    .with("duration_s", duration.toSeconds())
                    .with("latency_p50_ms", percentile(latencies, 0.50))
                    .with("latency_p95_ms", percentile(latencies, 0.95))
                    .with("latency_p99_ms", percentile(latencies, 0.99))
                    .with("latency_max_ms", percentile(latencies, 1.0));
            result.print("p95 publish → warehouse row ≤ 10,000 ms");
            result.append(options.results);
        }
        return 0;
    }

    /** Publishes ticks of rate/10 reads, one transaction each, every 100 ms; returns the reads published. */
    private long publish(BenchCluster cluster, Map<String, Instant> tickStarts) throws InterruptedException {
        int perTick = Math.max(1, (int) (rate * TICK.toMillis() / 1000));
        String topic = cluster.rawTopic();
        Iterator<Beacon360MeterRead> rows = BeaconRows.stream(BenchCluster.ORG, "continuous", options.meters,
                options.windowStart(), options.windowEnd()).iterator();
        long published = 0;
        long begin = System.nanoTime();
        try (Producer<String, SpecificRecord> p = new TopicFill(cluster).producer("bench-continuous")) {
            p.initTransactions();
            for (int tick = 0; rows.hasNext() && tick * TICK.toNanos() < duration.toNanos(); tick++) {
                long due = begin + tick * TICK.toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String runId = "tick-" + tick;
                tickStarts.put(runId, Instant.now());
                p.beginTransaction();
                for (int i = 0; i < perTick && rows.hasNext(); i++) {
                    Beacon360MeterRead row = rows.next();
                    p.send(new ProducerRecord<>(topic, null, RecordKeys.of(BenchCluster.ORG, row.getEndpointSN()), row,
                            TopicFill.headers(runId)));
                    published++;
                }
                p.commitTransaction();
            }
        }
        return published;
    }

    /** (latency in ms, reads) per batch and tick, from the warehouse's record of what each batch loaded. */
    private static List<long[]> latencies(BenchCluster cluster, Map<String, Instant> tickStarts) throws Exception {
        List<long[]> out = new ArrayList<>();
        String sql = "SELECT run_id, sum(records), epoch_us(max(loaded_at)) FROM ami_run_loads WHERE topic = '"
                + cluster.topics().meterReads() + "' GROUP BY run_id, loaded_at";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + cluster.dir().resolve("warehouse.duckdb"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Instant published = tickStarts.get(rs.getString(1));
                if (published != null) {
                    Instant loaded = Instant.EPOCH.plus(rs.getLong(3), ChronoUnit.MICROS);
                    out.add(new long[] {Duration.between(published, loaded).toMillis(), rs.getLong(2)});
                }
            }
        }
        return out;
    }

    /** The latency under which {@code q} of all reads were loaded. */
    static long percentile(List<long[]> latencies, double q) {
        List<long[]> sorted = new ArrayList<>(latencies);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long total = sorted.stream().mapToLong(l -> l[1]).sum();
        long seen = 0;
        for (long[] l : sorted) {
            seen += l[1];
            if (seen >= Math.ceil(q * total)) {
                return l[0];
            }
        }
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1)[0];
    }
}
