package org.amiconnect.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.streams.KafkaStreams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stage (b): the Kafka Streams normalizer alone, on a raw topic filled before the clock starts. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = {"Stage (b) normalize: TransformerService alone (exactly_once_v2, Avro in and out) on a raw topic "
                + "filled beforehand with --meters × 24 × --days Beacon 360 rows. Timed from start() until every output "
                + "is committed (the application has committed the raw topic's end offsets).",
                "--stream-threads N runs N transformer instances of one stream thread each in this JVM (one consumer "
                        + "and one transactional producer each, as N stream threads would have).",
                "--hours H (instead of --days) fills H hourly reads per meter hour by hour, every meter's read of one "
                        + "hour before the next hour's, as Beacon 360's one-hour reports of a large utility come: many "
                        + "meters with few reads each."})
final class NormalizeStage implements Callable<Integer> {

    @Mixin
    StageOptions options;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--hours", defaultValue = "0",
            description = "Hourly reads per meter, filled hour by hour; 0 = --days, meter by meter (default: ${DEFAULT-VALUE}).")
    int hours;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.start(options.meters, null)) {
            long expected = hours > 0 ? (long) options.meters * hours : options.expectedReads();
            System.out.printf("Normalize: filling the raw topic with %,d reads...%n", expected);
            long raw = hours > 0 ? new TopicFill(cluster).rawByHour(options, hours) : new TopicFill(cluster).raw(options);
            List<TransformerService> instances = new ArrayList<>();
            try {
                for (int i = 0; i < streamThreads; i++) {
                    instances.add(new TransformerService(cluster.config().sources(), cluster.adapters(),
                            cluster.clients(), cluster.topics(), cluster.registry(), cluster.dir().resolve("streams-" + i)));
                }
                String group = TransformerService.applicationId(cluster.topics());
                System.out.printf("Normalize: %,d raw records, %d stream thread(s)%n", raw, streamThreads);
                double startup;
                StageClock.Timed timed;
                try (StageClock clock = StageClock.start()) {
                    instances.forEach(TransformerService::start);
                    Waits.until(options.timeout,
                            () -> instances.stream().allMatch(t -> t.state() == KafkaStreams.State.RUNNING));
                    startup = clock.elapsedSeconds();
                    Waits.until(options.timeout,
                            () -> reads(instances) >= raw && cluster.groupCaughtUp(group, cluster.rawTopic()));
                    timed = clock.stop();
                }
                long reads = reads(instances);
                StageResult result = new StageResult("normalize", reads, cluster.bytesOf(cluster.rawTopic()), timed)
                        .with("meters", options.meters).with("days", options.days).with("hours", hours)
                        .with("stream_threads", streamThreads)
                        .with("startup_s", Math.round(startup * 100) / 100.0)
                        .with("reads_per_s_after_startup", Math.round(reads / (timed.seconds() - startup)))
                        .with("meters_published", instances.stream().mapToLong(t -> t.metrics().meters()).sum())
                        .with("dead_letters", instances.stream().mapToLong(t -> t.metrics().deadLetters()).sum())
                        .with("output_bytes",
                                cluster.bytesOf(cluster.topics().meterReads(), cluster.topics().meters()));
                result.print("≥ 150,000 reads/s per stream thread with exactly_once_v2");
                result.append(options.results);
            } finally {
                instances.forEach(TransformerService::close);
            }
        }
        return 0;
    }

    private static long reads(List<TransformerService> instances) {
        return instances.stream().mapToLong(t -> t.metrics().reads()).sum();
    }
}
