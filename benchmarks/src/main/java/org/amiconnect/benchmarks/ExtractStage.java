package org.amiconnect.benchmarks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stage (a): one extract run of the simulated Beacon 360 utility, through the report API to the committed raw topic. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Stage (a) extract: the simulated Beacon 360 report API -> the raw topic, one extract run of "
                + "--days days through ExtractorService (report generation by the simulator, HTTP download, parsing, "
                + "transactional publishing). Timed from the run's start to its committed SUCCEEDED state."})
final class ExtractStage implements Callable<Integer> {

    @Mixin
    StageOptions options;

    @Override
    public Integer call() throws Exception {
        try (BenchCluster cluster = BenchCluster.start(options.meters, null);
                VendorSimulator simulator = startSimulator(cluster.source())) {
            SourceConfig source = cluster.source().withEndpoint(simulator.endpoint());
            ExtractorOptions extractorOptions = ExtractorOptions.from(cluster.config().extractor());
            try (ExtractorService extractor = new ExtractorService(cluster.clients(), cluster.topics(),
                    cluster.registry(), cluster.adapters(), Clock.systemUTC(), extractorOptions)) {
                System.out.printf("Extract: %,d meters × %d days (%,d reads expected)%n", options.meters, options.days,
                        options.expectedReads());
                ExtractRun run;
                StageClock.Timed timed;
                try (StageClock clock = StageClock.start()) {
                    run = extractor.execute(new ExtractPlan(source, "benchmark", options.windowStart(),
                            options.windowEnd(), Optional.empty()));
                    timed = clock.stop();
                }
                if (run.getState() != ExtractRunState.SUCCEEDED) {
                    throw new IllegalStateException("the extract run ended " + run.getState() + ": " + run.getError());
                }
                long reads = run.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum();
                StageResult result = new StageResult("extract", reads, cluster.bytesOf(cluster.rawTopic()), timed)
                        .with("meters", options.meters).with("days", options.days)
                        .with("transactions", run.getTransactionsCommitted())
                        .with("max_records_per_transaction", extractorOptions.maxRecordsPerTransaction());
                result.print(null);
                result.append(options.results);
            }
        }
        return 0;
    }

    /** The source's simulator, found like the CLI finds it: by type, through ServiceLoader. */
    static VendorSimulator startSimulator(SourceConfig source) {
        SimulatorProvider provider = ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals(source.type())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no simulator for " + source.type()));
        Map<String, String> credentials = new LinkedHashMap<>();
        source.settings().secrets().forEach((k, v) -> credentials.put(k, v.reveal()));
        return provider.start(new SimulatedSource(source.simulate().orElseThrow().seed(), source.simulate().orElseThrow()
                .meters(), source.timezone(), credentials));
    }
}
