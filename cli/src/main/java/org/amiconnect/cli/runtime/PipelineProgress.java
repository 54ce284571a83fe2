package org.amiconnect.cli.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.transformer.TransformerMetrics;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.common.TopicPartition;

/** Follows the data of finished extract runs through the transformer, the loaders and the archiver, printing progress. */
public final class PipelineProgress {

    /**
     * How long the transformer must publish nothing before its output counts as committed: two commit intervals, so
     * that a commit has certainly run after the last record, with one to spare for a slow commit.
     */
    static final Duration QUIET_AFTER_OUTPUT = TransformerService.COMMIT_INTERVAL.multipliedBy(2);

    private final Pipeline pipeline;
    private final PrintStream out;

    public PipelineProgress(Pipeline pipeline, PrintStream out) {
        this.pipeline = pipeline;
        this.out = out;
    }

    /**
     * Waits until the records of the runs are visible, normalized and loaded: the {@code read_committed} end of each
     * raw partition reaches {@code runEnds} (the offsets the runs recorded), the transformer has committed past them
     * and past every other committed raw record, the normalized topics have no undecided transaction, and every loader
     * has committed past every committed record of the raw and normalized topics, and the archiver has taken the runs'
     * records into objects (stored at the latest when the pipeline closes), and no read waits in the transformer for
     * its meter's metadata or its other half (vendors whose reads join: they leave within the vendor's graces) and it
     * has published nothing for {@link #QUIET_AFTER_OUTPUT} (what it published last is then committed).
     * Comparing with end offsets alone is not enough: right after the extractor's commit its records may not be
     * visible yet, and everything would look caught up with nothing loaded.
     *
     * @param runEnds per raw partition, the offset after the last record the runs wrote ({@code raw_end_offsets})
     * @return true when drained, false on timeout or when the transformer stopped
     */
    public boolean awaitDrained(Duration timeout, Map<TopicPartition, Long> runEnds) throws InterruptedException {
        Infrastructure infra = pipeline.infrastructure();
        Topics topics = infra.topics();
        List<String> raw = infra.rawEntities().stream().map(topics::raw).toList();
        List<String> normalizedTopics = List.of(topics.meters(), topics.meterReads(), topics.deadLetters());
        List<String> loaded = new ArrayList<>(raw);
        loaded.add(topics.meters());
        loaded.add(topics.meterReads());
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPrint = 0;
        long lastOutput = -1;
        long lastActivity = System.nanoTime();
        try (ConsumerGroupLag lag = new ConsumerGroupLag(infra.clients())) {
            while (System.nanoTime() < deadline) {
                String transformer = pipeline.transformer().groupId();
                boolean visible = lag.visible(runEnds);
                // a read waiting for its meter's metadata or its other half leaves within the vendor's graces
                // (joining vendors only), on a timer: no input offset moves with it, and until the next commit its
                // records may still be in the producer (it lingers up to the commit interval), invisible to the
                // offset checks below. So the transformer must have held nothing and published nothing new for
                // longer than QUIET_AFTER_OUTPUT before it counts as done.
                TransformerMetrics t = pipeline.transformer().metrics();
                long output = t.reads() + t.meters() + t.deadLetters();
                if (t.waitingForMetadata() > 0 || t.heldHalves() > 0 || output != lastOutput) {
                    lastActivity = System.nanoTime();
                    lastOutput = output;
                }
                boolean quiet = System.nanoTime() - lastActivity > QUIET_AFTER_OUTPUT.toNanos();
                boolean normalized = visible && lag.reached(transformer, runEnds) && lag.caughtUp(transformer, raw)
                        && quiet;
                boolean done = normalized && lag.settled(normalizedTopics) && pipeline.loaders().stream()
                        .allMatch(l -> lag.caughtUp(l.consumerGroup(), loaded))
                        && pipeline.archiver().hasRead(runEnds);
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
        // the raw tables load from the raw topics beside the readings, and may finish later
        long raw = pipeline.loaders().stream()
                .mapToLong(l -> l.stats().rawRowsUpserted().values().stream().mapToLong(Long::longValue).sum()).sum();
        out.printf("  normalized %,d raw records -> %,d reads, %,d meter changes, %,d dead letters"
                + " | loaded %,d readings, %,d raw rows%n", t.rawRecords(), t.reads(), t.meters(), t.deadLetters(),
                loaded, raw);
    }

    static long loadedReadings(List<LoaderService> loaders) {
        return loaders.stream().mapToLong(l -> l.stats().readingsUpserted()).sum();
    }
}
