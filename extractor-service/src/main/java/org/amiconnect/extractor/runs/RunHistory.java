package org.amiconnect.extractor.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.amiconnect.core.kafka.CompactedTopicReader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every extract run's latest state, read from the compacted {@code ami.control.extract-runs} topic (read_committed)
 * and kept up to date by a background thread (a {@link CompactedTopicReader} following the topic). It is the
 * extractor's only memory: which scheduled ticks already ran, which backfill chunks are done, which requests were
 * answered. An instance rebuilds it from the topic on start.
 *
 * <p>A final state (SUCCEEDED, FAILED, REJECTED) of a run id is never replaced by an earlier, non-final one: the
 * instance's own writes are recorded at once and may be overtaken by older states still on their way from the topic.
 */
public final class RunHistory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunHistory.class);

    private final Map<String, ExtractRun> runs = new ConcurrentHashMap<>();
    private final Map<String, String> runByRequest = new ConcurrentHashMap<>();
    private final CompactedTopicReader<String, byte[]> reader;
    private final AvroDeserializer<ExtractRun> values;
    private final String topic;

    public RunHistory(KafkaClients clients, Topics topics, SchemaRegistry registry, String clientId) {
        this.topic = topics.extractRuns();
        this.values = new AvroDeserializer<>(registry, ExtractRun.class);
        this.reader = new CompactedTopicReader<>(topic, clients.consumer(clientId, null), new StringDeserializer(),
                new ByteArrayDeserializer(), this::apply);
    }

    /** Reads the whole topic once and returns every run's latest state (for {@code amiconnect runs}). */
    public static List<ExtractRun> snapshot(KafkaClients clients, Topics topics, SchemaRegistry registry, Duration timeout)
            throws InterruptedException, TimeoutException {
        try (RunHistory history = new RunHistory(clients, topics, registry, "amiconnect-runs-reader")) {
            history.start();
            history.awaitCaughtUp(timeout);
            return history.runs();
        }
    }

    public void start() {
        reader.start("extract-run-history");
    }

    /**
     * Waits until everything committed to the topic before this call has been read.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            reader.readToEnd().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("Reading the run history from " + topic + " took longer than " + timeout);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            ExtractRun removed = runs.remove(r.key());
            if (removed != null && removed.getRequestId() != null) {
                runByRequest.remove(removed.getRequestId(), removed.getRunId());
            }
            return;
        }
        ExtractRun run;
        try {
            run = values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable run state at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        record(run);
    }

    /** Records a state this instance just published (or read from the topic). */
    public void record(ExtractRun run) {
        runs.compute(run.getRunId(), (id, previous) ->
                previous != null && RunStates.isFinal(previous) && !RunStates.isFinal(run) ? previous : run);
        if (run.getRequestId() != null) {
            runByRequest.put(run.getRequestId(), run.getRunId());
        }
    }

    public Optional<ExtractRun> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** The run that answers a request, if any instance has started or rejected it. */
    public Optional<ExtractRun> forRequest(String requestId) {
        String runId = runByRequest.get(requestId);
        return runId == null ? Optional.empty() : run(runId);
    }

    /** Every run's latest state, newest first. */
    public List<ExtractRun> runs() {
        List<ExtractRun> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(ExtractRun::getUpdatedAt).thenComparing(ExtractRun::getRunId).reversed());
        return all;
    }

    public boolean any(Predicate<ExtractRun> matching) {
        return runs.values().stream().anyMatch(matching);
    }

    /** Whether some run answers the tick {@code tick} of the scheduled extract {@code extractName} of an org. */
    public boolean hasScheduledRun(String orgId, String extractName, Instant tick) {
        return any(r -> orgId.equals(r.getOrgId()) && extractName.equals(r.getExtractName())
                && tick.equals(r.getScheduledFor()));
    }

    /**
     * The vendor files that SUCCEEDED runs of {@code orgId} ingested ({@code ExtractRun.ingested_files}), which
     * scheduled runs of the org skip.
     */
    public java.util.Set<String> ingestedFiles(String orgId) {
        java.util.Set<String> files = new java.util.HashSet<>();
        for (ExtractRun r : runs.values()) {
            if (orgId.equals(r.getOrgId()) && r.getState() == ExtractRunState.SUCCEEDED) {
                files.addAll(r.getIngestedFiles());
            }
        }
        return files;
    }

    /**
     * The state of each chunk of a backfill that has one: a SUCCEEDED run if any run of the chunk succeeded, else its
     * most recently updated run.
     */
    public Map<Integer, ExtractRun> backfillChunks(String backfillId) {
        Map<Integer, ExtractRun> chunks = new HashMap<>();
        for (ExtractRun r : runs.values()) {
            if (!backfillId.equals(r.getBackfillId()) || r.getChunkIndex() == null) {
                continue;
            }
            chunks.merge(r.getChunkIndex(), r, RunHistory::better);
        }
        return chunks;
    }

    public boolean chunkSucceeded(String backfillId, int chunkIndex) {
        return any(r -> backfillId.equals(r.getBackfillId()) && Integer.valueOf(chunkIndex).equals(r.getChunkIndex())
                && r.getState() == ExtractRunState.SUCCEEDED);
    }

    private static ExtractRun better(ExtractRun a, ExtractRun b) {
        if ((a.getState() == ExtractRunState.SUCCEEDED) != (b.getState() == ExtractRunState.SUCCEEDED)) {
            return a.getState() == ExtractRunState.SUCCEEDED ? a : b;
        }
        return a.getUpdatedAt().isAfter(b.getUpdatedAt()) ? a : b;
    }

    @Override
    public void close() {
        reader.close();
    }
}
