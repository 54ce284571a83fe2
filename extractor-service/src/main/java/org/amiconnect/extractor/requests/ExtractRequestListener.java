package org.amiconnect.extractor.requests;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractTask;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.runs.RunAbandonedException;
import org.amiconnect.extractor.runs.RunGuard;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes extract requests from {@code ami.control.extract-requests} and runs them.
 *
 * <p>Requests are keyed by org, and every extractor instance joins the consumer group
 * {@code <prefix>amiconnect-extractor}, so each org's requests reach exactly one instance: the owner of the org's
 * partition. The owner runs an org's requests one at a time, in order, on a thread of its own (different orgs run in
 * parallel); a request for a busy org is QUEUED. A request whose answer is already in the run history (a duplicate of
 * a scheduled tick, a re-delivered request) is skipped; a bad request is REJECTED with its reason.
 *
 * <p>A request's offset is committed only once it and every request before it on its partition has a final state.
 * If this instance stops or loses the partition mid-run, the run is abandoned (its transaction aborted) and the next
 * owner receives the request again and runs it under the same run id.
 */
public final class ExtractRequestListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtractRequestListener.class);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final Duration HISTORY_WAIT = Duration.ofSeconds(60);

    private final ExtractorService service;
    private final RunHistory history;
    private final RequestValidator validator;
    private final Consumer<ExtractRun> onRun;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<ExtractRequest> values;
    private final String topic;
    private final Function<String, Optional<ZoneId>> zones;
    private final Thread pollThread;
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Offsets> offsets = new ConcurrentHashMap<>();
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    /** Why the listener stopped without being closed; null while it runs. */
    private volatile String stoppedOnError;
    private volatile boolean shuttingDown;
    private boolean started;

    public ExtractRequestListener(ExtractorService service, RunHistory history, List<SourceConfig> sources,
            Consumer<ExtractRun> onRun) {
        this.service = service;
        this.history = history;
        this.validator = new RequestValidator(sources, service.options());
        Map<String, ZoneId> byOrg = new HashMap<>();
        sources.forEach(s -> byOrg.put(s.orgId(), s.timezone()));
        this.zones = org -> Optional.ofNullable(byOrg.get(org));
        this.onRun = onRun;
        this.topic = service.topics().extractRequests();
        this.values = new AvroDeserializer<>(service.registry(), ExtractRequest.class);
        Map<String, Object> props = service.clients().consumer(
                "amiconnect-extractor-requests-" + service.options().instanceId(), groupId(service));
        // cooperative rebalancing: only partitions that really move are revoked, runs of the others go on
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.pollThread = new Thread(this::loop, "extract-requests");
        this.pollThread.setDaemon(true);
    }

    /** The consumer group every extractor instance of a pipeline joins. */
    public static String groupId(ExtractorService service) {
        return service.topics().prefix() + "amiconnect-extractor";
    }

    public synchronized void start() {
        if (!started) {
            started = true;
            pollThread.start();
        }
    }

    /** Waits until this instance has been given its first partitions (or learned it has none). */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Why the listener has stopped for good without being closed (no more requests would be run); empty while it
     * runs, including while it retries an unreachable cluster.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(stoppedOnError);
    }

    /** The request partitions this instance owns right now. */
    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        handleSafely(r);
                    }
                    commit(offsets.keySet(), false);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // e.g. the cluster is briefly unreachable: keep listening, the consumer reconnects
                    log.warn("Reading extract requests failed: {}; trying again", e.getMessage());
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The extract request listener stopped on an unexpected error", e);
            stoppedOnError = "the extract request listener stopped on an unexpected error: " + e;
        } finally {
            shuttingDown = true;
            stopWork(new ArrayList<>(offsets.keySet()));
            try {
                commit(offsets.keySet(), true);
            } catch (RuntimeException e) {
                log.warn("Could not commit the extract-request offsets on shutdown: {}", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(10));
            assigned.clear();
            workers.values().forEach(ExecutorService::shutdownNow);
        }
    }

    /** One bad request must not stop the listener: it is logged and passed over. */
    private void handleSafely(ConsumerRecord<String, byte[]> r) {
        try {
            handle(r);
        } catch (RuntimeException e) {
            log.error("Extract request at {}-{}@{} could not be handled and is skipped: {}", r.topic(), r.partition(),
                    r.offset(), e.getMessage(), e);
            offsets.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new Offsets()).seen(r.offset());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        TopicPartition partition = new TopicPartition(r.topic(), r.partition());
        Offsets progress = offsets.computeIfAbsent(partition, p -> new Offsets());
        ExtractRequest request;
        try {
            request = JsonExtractRequest.isJson(r.value())
                    ? JsonExtractRequest.parse(r.value(), r.key(), partition + "@" + r.offset(), zones,
                            service.clock().instant())
                    : values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            log.error("Skipping an unreadable extract request at {}@{}: {} (docs/extractor.md shows the JSON form)",
                    partition, r.offset(), e.getMessage());
            progress.seen(r.offset());
            return;
        }
        if (request == null) {
            progress.seen(r.offset());
            return;
        }
        String duplicate = answeredAlready(request);
        if (duplicate != null) {
            log.info("Extract request {} skipped: {}", request.getRequestId(), duplicate);
            progress.seen(r.offset());
            return;
        }
        RequestValidator.Verdict verdict = validator.validate(request);
        if (verdict.rejected()) {
            ExtractRun rejected = RunStates.rejected(request, verdict.sourceType(), verdict.rejection(),
                    service.options().instanceId(), service.clock().instant());
            log.warn("Rejected extract request {} for org '{}': {}", request.getRequestId(), request.getOrgId(),
                    verdict.rejection());
            publish(rejected);
            onRun.accept(rejected);
            progress.seen(r.offset());
            return;
        }
        ExtractTask task = verdict.task().orElseThrow();
        Pending work = new Pending(request, task, partition, r.offset());
        progress.started(r.offset());
        pending.put(request.getRequestId(), work);
        publish(RunStates.initial(task, ExtractRunState.QUEUED, service.options().instanceId(), service.clock().instant()));
        workers.computeIfAbsent(request.getOrgId(), org -> Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "extract-" + org);
            t.setDaemon(true);
            return t;
        })).execute(work);
    }

    /** Why the request needs no run, or null when it does. */
    private String answeredAlready(ExtractRequest request) {
        if (pending.containsKey(request.getRequestId())) {
            return "it is already queued or running on this instance";
        }
        Optional<ExtractRun> prior = history.forRequest(request.getRequestId());
        if (prior.isPresent() && RunStates.isFinal(prior.get())) {
            return "it was answered by run " + prior.get().getRunId() + " (" + prior.get().getState() + ")";
        }
        if (request.getBackfillId() != null && request.getChunkIndex() != null
                && history.chunkSucceeded(request.getBackfillId(), request.getChunkIndex())) {
            return "chunk " + request.getChunkIndex() + " of backfill " + request.getBackfillId() + " is already extracted";
        }
        return null;
    }

    private void publish(ExtractRun state) {
        try {
            service.publishState(state);
        } catch (KafkaException e) {
            log.warn("Could not publish the {} state of run {}: {}", state.getState(), state.getRunId(), e.getMessage());
        }
        history.record(state);
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        for (TopicPartition p : partitions) {
            Offsets o = offsets.get(p);
            if (o != null) {
                o.toCommit().ifPresent(offset -> toCommit.put(p, new OffsetAndMetadata(offset)));
            }
        }
        if (toCommit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(toCommit, Duration.ofSeconds(sync ? 10 : 5));
            toCommit.forEach((p, o) -> {
                Offsets progress = offsets.get(p);
                if (progress != null) {
                    progress.committed(o.offset());
                }
            });
        } catch (KafkaException e) {
            log.warn("Could not commit extract-request offsets {}: {}", toCommit, e.getMessage());
        }
    }

    /**
     * A scheduled run (not a manual extract, not a backfill chunk, not files handed in) skips the vendor files earlier
     * SUCCEEDED runs of its org ingested, so a file-based vendor's daily re-listing of its folder does not publish the
     * same files again; asking for the range (manual or backfill) publishes them again.
     */
    private ExtractTask withIngestedFiles(ExtractTask task) {
        boolean scheduled = task.request().map(r -> r.getExtractName() != null && r.getBackfillId() == null
                && r.getFiles().isEmpty()).orElse(false);
        if (!scheduled) {
            return task;
        }
        return new ExtractTask(task.runId(), task.plan().withIngestedFiles(
                history.ingestedFiles(task.plan().source().orgId())), task.request());
    }

    /** Cancels the queued and running requests of {@code partitions} and waits until they have stopped. */
    private void stopWork(Collection<TopicPartition> partitions) {
        List<Pending> stopping = pending.values().stream().filter(p -> partitions.contains(p.partition)).toList();
        stopping.forEach(Pending::cancel);
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        for (Pending p : stopping) {
            try {
                if (!p.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Run {} did not stop within {}", p.task.runId(), RunStates.human(CANCEL_WAIT));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (shuttingDown) {
                log.info("Releasing the extract requests of partitions {}: this instance stops", partitions);
            } else {
                log.info("Extract requests of partitions {} move to another extractor instance", partitions);
            }
            stopWork(partitions);
            commit(partitions, true);
            partitions.forEach(offsets::remove);
            assigned.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("Lost extract-request partitions {}; their runs are abandoned", partitions);
            stopWork(partitions);
            partitions.forEach(offsets::remove);
            assigned.removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> offsets.putIfAbsent(p, new Offsets()));
            assigned.addAll(partitions);
            if (!partitions.isEmpty()) {
                log.info("This extractor instance ({}) now takes the extract requests of partitions {}",
                        service.options().instanceId(), partitions);
                try {
                    // the previous owner's final states must be known before its unconsumed requests are judged
                    history.awaitCaughtUp(HISTORY_WAIT);
                } catch (TimeoutException e) {
                    log.warn("{}; requests already answered may run again", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            firstAssignment.countDown();
        }
    }

    /** One accepted request, queued on or running in its org's worker. */
    private final class Pending implements Runnable {

        final ExtractRequest request;
        final ExtractTask task;
        final TopicPartition partition;
        final long offset;
        final RunGuard guard = new RunGuard();
        final CountDownLatch done = new CountDownLatch(1);
        private boolean started;
        private boolean cancelled;

        Pending(ExtractRequest request, ExtractTask task, TopicPartition partition, long offset) {
            this.request = request;
            this.task = task;
            this.partition = partition;
            this.offset = offset;
        }

        synchronized void cancel() {
            cancelled = true;
            if (started) {
                guard.stop(RunGuard.Stop.CANCEL);
            }
        }

        @Override
        public void run() {
            boolean answered = false;
            try {
                synchronized (this) {
                    if (cancelled) {
                        return;
                    }
                    started = true;
                }
                if (request.getBackfillId() != null && request.getChunkIndex() != null
                        && history.chunkSucceeded(request.getBackfillId(), request.getChunkIndex())) {
                    log.info("Extract request {} skipped: chunk {} of backfill {} was extracted while it waited",
                            request.getRequestId(), request.getChunkIndex(), request.getBackfillId());
                    answered = true;
                    return;
                }
                ExtractRun run = service.execute(withIngestedFiles(task), guard);
                history.record(run);
                answered = true;
                onRun.accept(run);
            } catch (RunAbandonedException e) {
                log.info("{}", e.getMessage());
                if (shuttingDown) {
                    publish(ExtractRun.newBuilder(RunStates.initial(task, ExtractRunState.QUEUED,
                                    service.options().instanceId(), service.clock().instant()))
                            .setError("the extractor stopped during the run; it runs again when an extractor takes "
                                    + "over org " + request.getOrgId())
                            .build());
                }
            } catch (InterruptedException e) {
                log.info("Run {} interrupted before it started", task.runId());
            } catch (RuntimeException e) {
                // e.g. the cluster is unreachable: leave the request unconsumed so it runs again
                log.error("Run {} of org {} could not be carried out: {}", task.runId(), request.getOrgId(),
                        e.getMessage(), e);
            } finally {
                pending.remove(request.getRequestId(), this);
                if (answered) {
                    Offsets o = offsets.get(partition);
                    if (o != null) {
                        o.done(offset);
                    }
                }
                done.countDown();
            }
        }
    }

    /** Which offsets of a partition may be committed: up to the first request without a final state. */
    private static final class Offsets {

        private final TreeSet<Long> outstanding = new TreeSet<>();
        private long next = -1;
        private long committed = -1;

        synchronized void seen(long offset) {
            next = Math.max(next, offset + 1);
        }

        synchronized void started(long offset) {
            outstanding.add(offset);
            seen(offset);
        }

        synchronized void done(long offset) {
            outstanding.remove(offset);
        }

        synchronized Optional<Long> toCommit() {
            long c = outstanding.isEmpty() ? next : outstanding.first();
            return c > committed && c >= 0 ? Optional.of(c) : Optional.empty();
        }

        synchronized void committed(long offset) {
            committed = Math.max(committed, offset);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            if (!started) {
                consumer.close(Duration.ZERO);
                return;
            }
        }
        consumer.wakeup();
        try {
            pollThread.join(CANCEL_WAIT.plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
