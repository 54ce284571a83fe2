package org.amiconnect.loader.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.topics.ConsumerGroups;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.RunLoad;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link LoadFinished} event once every record of a successful extract run is in the warehouse.
 *
 * <p>A run is complete in three steps, each checked against durable state so a restarted loader reaches the same
 * answer:
 * <ol>
 *   <li>its raw records are loaded: the warehouse's per-run counts ({@code ami_run_loads}, written in each batch's
 *       transaction) reach the {@code records_published} of the run's final {@code ExtractRun} state;</li>
 *   <li>the transformer has normalized them: its committed offsets on the raw partitions are past the run's last raw
 *       record, so everything it made of the run is committed to the normalized topics below their current end;</li>
 *   <li>the loader has loaded the normalized topics up to those ends (the offsets stored in the warehouse).</li>
 * </ol>
 * The event is then published and recorded in {@code ami_load_events}. A crash between the two repeats the event
 * after a restart: delivery is at least once, keyed by run id.
 *
 * <p>Used by the loader thread only; {@link #maybeCheck} never throws.
 */
public final class LoadEventTracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoadEventTracker.class);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * Without new batches or run states the warehouse is asked only this often: a Snowflake warehouse queried every
     * second would never suspend.
     */
    private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(30);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    /** Runs that finished this long ago without their records being loaded are no longer waited for. */
    static final Duration HORIZON = Duration.ofDays(30);

    private final String sinkId;
    private final String consumerGroup;
    private final Set<String> orgs;
    private final Topics topics;
    private final Set<String> rawTopics;
    private final String transformerGroup;
    private final Clock clock;
    private final ExtractRunsView runs;
    private final Admin admin;
    private final KafkaProducer<String, LoadFinished> producer;

    /** Successful runs of this sink's orgs whose event is not published yet. */
    private final Map<String, ExtractRun> waiting = new LinkedHashMap<>();
    /** Per waiting run whose raw and transformed records are all in Kafka: the normalized offsets to load up to. */
    private final Map<String, Map<TopicPartition, Long>> normalizedTargets = new HashMap<>();
    private Set<String> published;
    private long nextPoll;
    private long nextIdleCheck;
    private long lastCommits = -1;
    private volatile long eventsPublished;
    private String lastProblem;

    /**
     * @param orgs the orgs whose sources list this sink
     * @param rawTopics the raw topics this loader reads
     * @param transformerGroup the transformer's consumer group (its Kafka Streams application id)
     */
    public LoadEventTracker(String sinkId, String consumerGroup, Set<String> orgs, Topics topics, Set<String> rawTopics,
            String transformerGroup, KafkaClients clients, SchemaRegistry registry, Clock clock) {
        this.sinkId = sinkId;
        this.consumerGroup = consumerGroup;
        this.orgs = Set.copyOf(orgs);
        this.topics = topics;
        this.rawTopics = Set.copyOf(rawTopics);
        this.transformerGroup = transformerGroup;
        this.clock = clock;
        this.runs = new ExtractRunsView(clients, topics.extractRuns(), registry, "loader-" + sinkId + "-runs");
        this.admin = Admin.create(clients.admin("loader-" + sinkId + "-events"));
        this.producer = new KafkaProducer<>(clients.producer("loader-" + sinkId + "-events"), new StringSerializer(),
                new AvroSerializer<>(registry));
    }

    /** The consumer group of the transformer, as its Kafka Streams application id names it. */
    public static String transformerGroup(Topics topics) {
        return ConsumerGroups.transformer(topics);
    }

    /** Events published by this tracker since it started. */
    public long eventsPublished() {
        return eventsPublished;
    }

    /**
     * Reads new run states at most once a second, and checks the waiting runs against the warehouse when batches were
     * committed or run states arrived since the last check (else every 30 s). Problems are logged and retried.
     *
     * @param commits the loader's count of warehouse commits, to tell whether anything was loaded since
     */
    public void maybeCheck(WarehouseSink warehouse, long commits) {
        check(warehouse, commits, false);
    }

    /** Checks now, whatever the time since the last check: a stopping loader's last word on its runs. */
    public void checkNow(WarehouseSink warehouse) {
        check(warehouse, lastCommits, true);
    }

    private void check(WarehouseSink warehouse, long commits, boolean now) {
        long t = System.nanoTime();
        if (!now && t - nextPoll < 0) {
            return;
        }
        nextPoll = t + POLL_INTERVAL.toNanos();
        try {
            if (published == null) {
                published = new HashSet<>(warehouse.loadEventsPublished(consumerGroup));
            }
            Map<String, ExtractRun> changed = runs.poll();
            changed.forEach(this::runChanged);
            boolean progress = now || commits != lastCommits || !changed.isEmpty() || t - nextIdleCheck >= 0;
            if (progress && !waiting.isEmpty()) {
                lastCommits = commits;
                nextIdleCheck = t + IDLE_CHECK_INTERVAL.toNanos();
                publishCompleted(warehouse);
            }
            lastProblem = null;
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("Sink {}: load events are delayed: {}", sinkId, problem);
                lastProblem = problem;
            }
        }
    }

    /** Publishes the events of the waiting runs that are now complete. */
    private void publishCompleted(WarehouseSink warehouse)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<RunLoad>> loads = new HashMap<>();
        for (RunLoad load : warehouse.runLoads(consumerGroup, waiting.keySet())) {
            loads.computeIfAbsent(load.runId(), r -> new ArrayList<>()).add(load);
        }
        Map<TopicPartition, Long> transformed = null;
        Map<TopicPartition, Long> stored = null;
        for (ExtractRun run : List.copyOf(waiting.values())) {
            String runId = run.getRunId();
            List<RunLoad> runLoads = loads.getOrDefault(runId, List.of());
            if (!normalizedTargets.containsKey(runId)) {
                if (rawLoaded(runLoads) < rawPublished(run)) {
                    continue;
                }
                Map<TopicPartition, Long> rawEnds = rawEnds(runLoads);
                if (!rawEnds.isEmpty()) {
                    if (transformed == null) {
                        transformed = transformerOffsets();
                    }
                    if (!reached(transformed, rawEnds)) {
                        continue;
                    }
                }
                // taken only now: everything the transformer made of the run is below these ends
                normalizedTargets.put(runId, rawEnds.isEmpty() ? Map.of() : normalizedEnds());
            }
            if (stored == null) {
                stored = warehouse.storedOffsets(consumerGroup);
            }
            if (reached(stored, normalizedTargets.get(runId))) {
                publish(warehouse, run, runLoads);
            }
        }
    }

    private void runChanged(String runId, ExtractRun run) {
        boolean wanted = run != null && run.getState() == ExtractRunState.SUCCEEDED && orgs.contains(run.getOrgId())
                && !published.contains(runId)
                && run.getUpdatedAt().isAfter(clock.instant().minus(HORIZON));
        if (wanted) {
            waiting.put(runId, run);
        } else {
            waiting.remove(runId);
            normalizedTargets.remove(runId);
        }
    }

    private long rawPublished(ExtractRun run) {
        return run.getRecordsPublished().entrySet().stream().filter(e -> rawTopics.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private long rawLoaded(List<RunLoad> loads) {
        return loads.stream().filter(l -> rawTopics.contains(l.partition().topic())).mapToLong(RunLoad::records).sum();
    }

    private long loaded(List<RunLoad> loads, String topic) {
        return loads.stream().filter(l -> l.partition().topic().equals(topic)).mapToLong(RunLoad::records).sum();
    }

    /** The offset after the run's last raw record, per raw partition. */
    private Map<TopicPartition, Long> rawEnds(List<RunLoad> loads) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (RunLoad l : loads) {
            if (rawTopics.contains(l.partition().topic())) {
                ends.merge(l.partition(), l.lastOffset() + 1, Math::max);
            }
        }
        return ends;
    }

    private static boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(t -> t.getValue() <= 0
                || positions.getOrDefault(t.getKey(), 0L) >= t.getValue());
    }

    private Map<TopicPartition, Long> transformerOffsets()
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(transformerGroup)
                .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        committed.forEach((tp, om) -> {
            if (om != null) {
                offsets.put(tp, om.offset());
            }
        });
        return offsets;
    }

    /**
     * The log ends (high watermarks) of every normalized partition. Not the last stable offsets: the transformer's
     * committed offsets become visible with its transaction's commit, but the commit markers on the normalized
     * partitions are written after that, so right after the commit the last stable offset can still be below the
     * run's records. The log end is past them either way; records of a later, still open transaction only delay the
     * event until that transaction ends.
     */
    private Map<TopicPartition, Long> normalizedEnds() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(List.of(topics.meters(), topics.meterReads()))
                .allTopicNames().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private void publish(WarehouseSink warehouse, ExtractRun run, List<RunLoad> loads)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant now = clock.instant();
        LoadFinished event = LoadFinished.newBuilder()
                .setRunId(run.getRunId())
                .setOrgId(run.getOrgId())
                .setSinkId(sinkId)
                .setSourceType(run.getSourceType())
                .setExtractName(run.getExtractName())
                .setRangeStart(run.getRangeStart())
                .setRangeEnd(run.getRangeEnd())
                .setRawRecordsPublished(rawPublished(run))
                .setRawRecordsLoaded(rawLoaded(loads))
                .setMeterReadsLoaded(loaded(loads, topics.meterReads()))
                .setMetersLoaded(loaded(loads, topics.meters()))
                .setLoadedAt(now)
                .build();
        producer.send(new ProducerRecord<>(topics.loadEvents(), run.getRunId(), event))
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        warehouse.loadEventPublished(consumerGroup, run.getRunId(), now);
        published.add(run.getRunId());
        waiting.remove(run.getRunId());
        normalizedTargets.remove(run.getRunId());
        eventsPublished = eventsPublished + 1;
        log.info("Sink {}: run {} of {} is loaded ({} raw records, {} meter reads, {} meters); load event published",
                sinkId, run.getRunId(), run.getOrgId(), event.getRawRecordsLoaded(), event.getMeterReadsLoaded(),
                event.getMetersLoaded());
    }

    @Override
    public void close() {
        closeQuietly(runs);
        closeQuietly(() -> producer.close(Duration.ofSeconds(5)));
        closeQuietly(() -> admin.close(Duration.ofSeconds(5)));
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("Sink {}: closing a load-event client failed: {}", sinkId, e.getMessage());
        }
    }
}
