package org.amiconnect.benchmarks;

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

/**
 * Prints AMI Connect's throughput figures: without a sub-command JMH micro-benchmarks, then an end-to-end run on a
 * simulated utility; with one, a single stage of the pipeline on the embedded broker.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        subcommands = {ExtractStage.class, NormalizeStage.class, LoadStage.class, EndToEndStage.class,
                ContinuousStage.class, WarehouseFillStage.class},
        description = {"Without a sub-command: Beacon 360 normalize and serde throughput (JMH) and end-to-end reads/s "
                + "of `amiconnect run --once` on a simulated utility.",
                "Sub-commands measure one stage each on an embedded broker in a temporary directory, print reads/s, "
                        + "MB/s, peak RSS, GC time and cores, and append a JSON line to --results. Run them on an "
                        + "otherwise idle machine."})
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
        EndToEndStage stage = new EndToEndStage();
        new CommandLine(stage).parseArgs("--meters", String.valueOf(meters), "--days", "2");
        stage.call();
    }
}
