package org.amiconnect.extractor.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.concurrent.RetryBackoff;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RunHeaders;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractTask;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.runs.RunAbandonedException;
import org.amiconnect.extractor.runs.RunGuard;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one extract of one org and publishes it atomically.
 *
 * <ul>
 *   <li>The RUNNING state is committed first, on its own, so operators see the run in progress.</li>
 *   <li>Raw records go out in Kafka transactions. A run that fits in one ({@code maxRecordsPerTransaction},
 *       {@code maxTransactionAge}) publishes its records and its final SUCCEEDED state in a single transaction. A larger
 *       run commits each full batch together with a RUNNING state that records its progress, and its last batch with
 *       the final state. A {@code read_committed} consumer never sees a half batch. While the extractor waits for its
 *       source ({@link RawRecordSink#awaitingSource()}), a transaction as old as {@code maxTransactionAge} is committed
 *       likewise, so none outlives the broker's transaction timeout between two reports of a vendor.</li>
 *   <li>A source failure aborts the open transaction. Transient failures ({@link ExtractException#retryable()}) are
 *       retried with exponential backoff and jitter up to {@code maxAttempts}; refused credentials fail at once.</li>
 *   <li>Every run has {@code runTimeout}; a run over it is interrupted, aborted and FAILED.</li>
 * </ul>
 */
public final class ExtractRunPublisher {

    private static final Logger log = LoggerFactory.getLogger(ExtractRunPublisher.class);

    private final OrgProducer producer;
    private final Topics topics;
    private final AdapterCatalog adapters;
    private final Clock clock;
    private final ExtractorOptions options;
    private final ScheduledExecutorService watchdog;
    private final RetryBackoff backoff;

    /**
     * @param producer the org's transactional producer
     * @param watchdog runs the timeout of each run
     */
    public ExtractRunPublisher(OrgProducer producer, Topics topics, AdapterCatalog adapters, Clock clock,
            ExtractorOptions options, ScheduledExecutorService watchdog) {
        this.producer = producer;
        this.topics = topics;
        this.adapters = adapters;
        this.clock = clock;
        this.options = options;
        this.watchdog = watchdog;
        this.backoff = RetryBackoff.withEqualJitter(options.retryBackoff(), options.maxRetryBackoff());
    }

    /**
     * Runs {@code task} to its end on the calling thread, which {@code guard} may interrupt.
     *
     * @return the final state: SUCCEEDED or FAILED
     * @throws RunAbandonedException when the run was cancelled through {@code guard} or another instance fenced it
     */
    public ExtractRun run(ExtractTask task, RunGuard guard) {
        guard.bind(Thread.currentThread());
        ScheduledFuture<?> timeout = watchdog.schedule(() -> guard.stop(RunGuard.Stop.TIMEOUT),
                options.runTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return attempts(task, guard);
        } finally {
            timeout.cancel(false);
            guard.finish();
        }
    }

    private ExtractRun attempts(ExtractTask task, RunGuard guard) {
        ExtractPlan plan = task.plan();
        SourceConfig source = plan.source();
        ExtractRun run = RunStates.initial(task, ExtractRunState.RUNNING, options.instanceId(), clock.instant());
        try {
            guard.kafka(() -> publishAlone(run));
        } catch (RunGuard.StopSignal e) {
            return stopped(run, null, guard);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(run, e);
        }
        log.info("Run {} started: {} {} [{} .. {})", run.getRunId(), source.orgId(), plan.extractName(), plan.start(),
                plan.end());
        SourceAdapter adapter = adapters.get(source.type());
        for (int attempt = 1; ; attempt++) {
            ExtractRun current = attempt == 1 ? run : ExtractRun.newBuilder(run).setAttempt(attempt).build();
            Batches batches = new Batches(current, guard);
            String retryableError;
            try (Extractor extractor = plan.files().isEmpty() ? adapter.extractor(source)
                    : adapter.fileExtractor(source, plan.files())) {
                ExtractSummary summary = extractor.extract(new ExtractWindow(run.getRunId(), plan.start(), plan.end(),
                        plan.ingestedFiles()), batches);
                ExtractRun done = batches.finish(summary.skipped(), summary.ingestedFiles());
                log.info("Run {} succeeded{}: {} raw records published {} in {} transaction(s)", done.getRunId(),
                        attempt > 1 ? " on attempt " + attempt : "", RunStates.totalRecords(done),
                        done.getRecordsPublished(), done.getTransactionsCommitted());
                return done;
            } catch (InterruptedException | RunGuard.StopSignal e) {
                batches.abort();
                return stopped(current, batches, guard);
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                producer.discard();
                throw fenced(current, e);
            } catch (ExtractException e) {
                batches.abort();
                if (guard.stopped() != null) {
                    return stopped(current, batches, guard);
                }
                String message = nameSource(source, e.getMessage());
                if (e.kind() == ExtractException.Kind.AUTH) {
                    return failed(batches, "authentication failed (not retried): " + message, e);
                }
                if (!e.retryable()) {
                    return failed(batches, message, e);
                }
                retryableError = message;
            } catch (KafkaException e) {
                // the transaction could not be committed (broker unreachable, timeout): a new producer aborts it
                batches.abort();
                producer.discard();
                if (guard.stopped() != null) {
                    return stopped(current, batches, guard);
                }
                retryableError = "publishing to Kafka failed: " + e.getMessage();
            } catch (RuntimeException e) {
                batches.abort();
                // the producer may be what failed (e.g. in an illegal transaction state): start the next run afresh
                producer.discard();
                if (guard.stopped() != null) {
                    return stopped(current, batches, guard);
                }
                log.error("Run {}: the {} adapter failed unexpectedly", run.getRunId(), source.type(), e);
                return failed(batches, nameSource(source, "unexpected error: " + e), null);
            }
            if (attempt >= options.maxAttempts()) {
                return failed(batches, retryableError + " (gave up after " + attempt + " attempts)", null);
            }
            Duration wait = backoff.after(attempt);
            String note = "attempt " + attempt + " of " + options.maxAttempts() + " failed: " + retryableError
                    + "; retrying in " + RunStates.human(wait);
            log.warn("Run {}: {}", run.getRunId(), note);
            ExtractRun retrying = ExtractRun.newBuilder(
                    RunStates.with(current, ExtractRunState.RUNNING, Map.of(), 0, note, clock.instant()))
                    .setAttempt(attempt + 1)
                    .build();
            try {
                guard.kafka(() -> publishAlone(retrying));
            } catch (RunGuard.StopSignal e) {
                return stopped(current, batches, guard);
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                producer.discard();
                throw fenced(current, e);
            } catch (KafkaException e) {
                producer.discard();
                log.warn("Run {}: could not publish the retry state: {}", run.getRunId(), e.getMessage());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return stopped(current, batches, guard);
            }
        }
    }

    /** The outcome of a run stopped from outside: FAILED on its timeout, abandoned otherwise. */
    private ExtractRun stopped(ExtractRun run, Batches batches, RunGuard guard) {
        // clear the interrupt so the final state can be published; no further interrupt can come (first stop wins)
        Thread.interrupted();
        if (guard.stopped() == RunGuard.Stop.TIMEOUT) {
            String error = "timed out after " + RunStates.human(options.runTimeout()) + " (extractor.run-timeout)";
            return failed(batches == null ? new Batches(run, guard) : batches, nameSource(run, error), null);
        }
        throw new RunAbandonedException("Run " + run.getRunId() + " of org " + run.getOrgId()
                + " was stopped before it finished; its request runs again");
    }

    private RunAbandonedException fenced(ExtractRun run, KafkaException e) {
        return new RunAbandonedException("Run " + run.getRunId() + " abandoned: another extractor instance took over org "
                + run.getOrgId() + " (" + e.getMessage() + ")", e);
    }

    private ExtractRun failed(Batches batches, String error, ExtractException cause) {
        ExtractRun failed = RunStates.withEndOffsets(RunStates.with(batches.run, ExtractRunState.FAILED,
                batches.committed, batches.transactions, error, clock.instant()), batches.committedEnds);
        try {
            publishAlone(failed);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            producer.discard();
            throw fenced(failed, e);
        } catch (KafkaException e) {
            producer.discard();
            log.error("Run {}: could not publish its FAILED state: {}", failed.getRunId(), e.getMessage());
        }
        log.error("Run {} failed: {}", failed.getRunId(), error);
        if (cause != null) {
            log.debug("Run {} failure", failed.getRunId(), cause);
        }
        return failed;
    }

    private void publishAlone(ExtractRun state) {
        Producer<String, SpecificRecord> p = producer.get();
        p.beginTransaction();
        p.send(new ProducerRecord<>(topics.extractRuns(), state.getRunId(), state));
        p.commitTransaction();
    }

    /** Makes sure an error message says which org and which kind of source it is about. */
    private static String nameSource(SourceConfig source, String message) {
        String m = message == null ? "no message" : message;
        return m.contains(source.orgId()) ? m : source.type() + " source '" + source.orgId() + "': " + m;
    }

    private static String nameSource(ExtractRun run, String message) {
        return run.getSourceType() + " source '" + run.getOrgId() + "': " + message;
    }

    /** The records of one attempt, in transactions of at most {@code maxRecordsPerTransaction}. */
    private final class Batches implements RawRecordSink {

        final ExtractRun run;
        final RunGuard guard;
        final Map<String, Long> committed = new HashMap<>();
        final Map<String, Long> pending = new HashMap<>();
        final Map<RawEntity, String> topicOf = new HashMap<>();
        /** Per raw partition, the offset after the last record of a committed transaction of this attempt. */
        final Map<TopicPartition, Long> committedEnds = new HashMap<>();
        /** The same for the open transaction; filled by the producer's callbacks (its I/O thread). */
        final Map<TopicPartition, Long> pendingEnds = new ConcurrentHashMap<>();
        final byte[] runIdHeader;
        final byte[] orgHeader;
        int transactions;
        long inTransaction;
        long openedAt;
        boolean open;

        Batches(ExtractRun run, RunGuard guard) {
            this.run = run;
            this.guard = guard;
            this.runIdHeader = run.getRunId().getBytes(StandardCharsets.UTF_8);
            this.orgHeader = run.getOrgId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void publish(RawEntity entity, String key, SpecificRecord record) {
            String topic = topicOf.computeIfAbsent(entity, topics::raw);
            guard.kafka(() -> {
                Producer<String, SpecificRecord> p = begin();
                RecordHeaders headers = new RecordHeaders();
                // run id last: readers look it up with lastHeader, which decodes each key from the end
                headers.add(RunHeaders.ORG_ID, orgHeader);
                headers.add(RunHeaders.RUN_ID, runIdHeader);
                p.send(new ProducerRecord<>(topic, null, key, record, headers), (metadata, e) -> {
                    if (e == null && metadata.hasOffset()) {
                        pendingEnds.merge(new TopicPartition(metadata.topic(), metadata.partition()),
                                metadata.offset() + 1, Math::max);
                    }
                });
            });
            pending.merge(topic, 1L, Long::sum);
            inTransaction++;
            if (inTransaction >= options.maxRecordsPerTransaction()
                    || System.nanoTime() - openedAt >= options.maxTransactionAge().toNanos()) {
                commitProgress();
            }
        }

        /**
         * The extractor waits for its source with part of the run published: a transaction open for
         * {@code maxTransactionAge} is committed now (with the run's progress), as it would be at its next record, so
         * that no transaction outlives the broker's timeout while a vendor prepares its next report.
         */
        @Override
        public void awaitingSource() {
            if (open && System.nanoTime() - openedAt >= options.maxTransactionAge().toNanos()) {
                commitProgress();
            }
        }

        private Producer<String, SpecificRecord> begin() {
            Producer<String, SpecificRecord> p = producer.get();
            if (!open) {
                p.beginTransaction();
                open = true;
                openedAt = System.nanoTime();
            }
            return p;
        }

        /** Commits the batch so far together with a RUNNING state that says how far the run got. */
        private void commitProgress() {
            Map<String, Long> total = total();
            Map<TopicPartition, Long> ends = new HashMap<>();
            guard.kafka(() -> {
                Producer<String, SpecificRecord> p = begin();
                ends.putAll(flushedEnds(p));
                ExtractRun progress = RunStates.withEndOffsets(RunStates.with(run, ExtractRunState.RUNNING, total,
                        transactions + 1, null, clock.instant()), ends);
                p.send(new ProducerRecord<>(topics.extractRuns(), run.getRunId(), progress));
                p.commitTransaction();
            });
            committed(total, ends);
            log.info("Run {}: committed {} raw records so far in {} transaction(s)", run.getRunId(),
                    total.values().stream().mapToLong(Long::longValue).sum(), transactions);
        }

        /** Commits the last batch with the final SUCCEEDED state, naming the vendor files the run ingested. */
        ExtractRun finish(long skipped, java.util.List<String> ingestedFiles) {
            Map<String, Long> total = total();
            ExtractRun[] done = new ExtractRun[1];
            Map<TopicPartition, Long> ends = new HashMap<>();
            guard.kafka(() -> {
                Producer<String, SpecificRecord> p = begin();
                ends.putAll(flushedEnds(p));
                done[0] = ExtractRun.newBuilder(RunStates.withEndOffsets(
                        RunStates.with(run, ExtractRunState.SUCCEEDED, total, transactions + 1, null, clock.instant()),
                        ends))
                        .setRecordsSkipped(skipped)
                        .setIngestedFiles(new java.util.ArrayList<>(ingestedFiles))
                        .build();
                p.send(new ProducerRecord<>(topics.extractRuns(), run.getRunId(), done[0]));
                p.commitTransaction();
            });
            committed(total, ends);
            return done[0];
        }

        /**
         * Sends what is buffered (the transaction stays open) so every raw record has its offset, and returns the end
         * offsets of the run once this transaction commits: the state committed with it can then name them.
         */
        private Map<TopicPartition, Long> flushedEnds(Producer<String, SpecificRecord> p) {
            p.flush();
            Map<TopicPartition, Long> ends = new HashMap<>(committedEnds);
            pendingEnds.forEach((tp, end) -> ends.merge(tp, end, Math::max));
            return ends;
        }

        private Map<String, Long> total() {
            Map<String, Long> total = new HashMap<>(committed);
            pending.forEach((t, n) -> total.merge(t, n, Long::sum));
            return total;
        }

        private void committed(Map<String, Long> total, Map<TopicPartition, Long> ends) {
            committedEnds.clear();
            committedEnds.putAll(ends);
            pendingEnds.clear();
            open = false;
            transactions++;
            committed.clear();
            committed.putAll(total);
            pending.clear();
            inTransaction = 0;
        }

        /** Aborts the open batch; what earlier batches committed stays. */
        void abort() {
            pending.clear();
            pendingEnds.clear();
            inTransaction = 0;
            if (!open) {
                return;
            }
            open = false;
            // an interrupt pending on this thread would make the abort itself fail
            Thread.interrupted();
            try {
                producer.get().abortTransaction();
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                producer.discard();
            } catch (KafkaException e) {
                log.warn("Run {}: could not abort its transaction ({}); a new producer will", run.getRunId(),
                        e.getMessage());
                producer.discard();
            }
        }
    }
}
