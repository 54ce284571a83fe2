package org.amiconnect.cli.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.transformer.TransformerMetrics;

/** Follows the data of finished extract runs through the transformer and the loaders, printing progress. */
public final class PipelineProgress {

    private final Pipeline pipeline;
    private final PrintStream out;

    public PipelineProgress(Pipeline pipeline, PrintStream out) {
        this.pipeline = pipeline;
        this.out = out;
    }

    /** Waits until every committed raw record is normalized and every normalized record is loaded. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        Infrastructure infra = pipeline.infrastructure();
        Topics topics = infra.topics();
        List<String> raw = infra.rawEntities().stream().map(topics::raw).toList();
        List<String> loaded = new ArrayList<>(raw);
        loaded.add(topics.meters());
        loaded.add(topics.meterReads());
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPrint = 0;
        try (ConsumerGroupLag lag = new ConsumerGroupLag(infra.clients())) {
            while (System.nanoTime() < deadline) {
                boolean normalized = lag.caughtUp(pipeline.transformer().groupId(), raw);
                boolean done = normalized && pipeline.loaders().stream()
                        .allMatch(l -> lag.caughtUp(l.consumerGroup(), loaded));
                if (done) {
                    print();
                    return true;
                }
                if (!pipeline.transformer().isRunning()) {
                    out.println("The transformer is not running (state " + pipeline.transformer().state() + ")");
                    return false;
                }
                if (System.nanoTime() > nextPrint) {
                    print();
                    nextPrint = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                Thread.sleep(300);
            }
        }
        out.println("Timed out after " + timeout.toSeconds() + " s waiting for the pipeline to drain");
        return false;
    }

    public void print() {
        TransformerMetrics t = pipeline.transformer().metrics();
        long loaded = pipeline.loaders().stream().mapToLong(l -> l.stats().readingsUpserted()).sum();
        out.printf("  normalized %,d raw records -> %,d reads, %,d meter changes, %,d dead letters | loaded %,d readings%n",
                t.rawRecords(), t.reads(), t.meters(), t.deadLetters(), loaded);
    }

    static long loadedReadings(List<LoaderService> loaders) {
        return loaders.stream().mapToLong(l -> l.stats().readingsUpserted()).sum();
    }
}
