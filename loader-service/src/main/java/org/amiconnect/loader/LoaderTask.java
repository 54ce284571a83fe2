package org.amiconnect.loader;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;

import org.amiconnect.core.config.LoaderSettings;
import org.amiconnect.core.sink.SinkTask;
import org.amiconnect.core.sink.SinkTaskContext;
import org.amiconnect.core.sink.StoredOffset;
import org.amiconnect.loader.checks.CheckScheduler;
import org.amiconnect.loader.events.LoadEventTracker;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.BatchResult;
import org.amiconnect.loader.sink.WarehouseSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader's work in its consume loop: records are assembled into micro-batches (at most
 * {@link LoaderSettings#batchRecords()} records, at most {@link LoaderSettings#batchInterval()} old, and written as
 * soon as a poll finds nothing more to add), and each batch is
 * one warehouse transaction that also stores the offsets it was consumed up to. The warehouse is where the loader's
 * offsets are stored; the same offsets are committed to Kafka afterwards only so that standard lag tools see them.
 * Load-finished events are checked after batches, and at the end.
 *
 * <p>A full batch is written on the {@link BatchWriter writer thread} while the loop thread polls and assembles the
 * next one; at most one batch is in flight. Whatever else uses the warehouse (the next write, the snapshot, events,
 * stored offsets) and everything that ends a batch's life (a revocation, {@link #flush}, {@link #discard},
 * {@link #stop}) first waits for it, and what follows a commit (stored offsets, statistics, the Kafka commit) is
 * done on the loop thread once it has ended. docs/warehouse.md ("Writing while the next batch is assembled") says
 * why this keeps every batch exactly once.
 *
 * <p>Owns the warehouse, the event tracker, the check scheduler and the writer thread, and closes them in
 * {@link #stop()}.
 */
final class LoaderTask implements SinkTask {

    private static final Logger log = LoggerFactory.getLogger(LoaderTask.class);
    /** Longest age of the warehouse's read-only snapshot while new batches arrive. */
    static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(30);

    /** The snapshot takes at most a tenth of the loader thread: a refresh that took t waits at least 10 t. */
    static final int SNAPSHOT_PAUSE_FACTOR = 10;

    private long commitsAtSnapshot;
    private long lastSnapshot = System.nanoTime() - SNAPSHOT_EVERY.toNanos();
    private long snapshotPauseNanos = SNAPSHOT_EVERY.toNanos();

    private final String sinkId;
    private final LoaderSettings settings;
    private final String group;
    private final WarehouseSink warehouse;
    private final BatchAssembler assembler;
    private final LoadEventTracker events;
    private final CheckScheduler checks;
    private final LoaderStats stats;

    private volatile Runnable afterWarehouseCommit = () -> { };

    /** A batch handed to the writer thread, with what its bookkeeping needs once it has been written. */
    private record InFlight(Batch batch, long skipped, long undecodable, long startedNanos,
            Future<BatchWriter.Written> result) {
    }

    private final BatchWriter writer;

    // state of the loop's thread only
    private SinkTaskContext context;
    private Batch pending;
    private long pendingSkipped;
    private long pendingUndecodable;
    private long pendingSince;
    /** The batch the writer thread is writing, or null. */
    private InFlight inFlight;
    /** The next offset per partition as the warehouse has it (stored by this loader or found on assignment). */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    /** Warehouse commits so far, offset-only ones (stepping over transaction markers) included. */
    private long commits;

    /**
     * @param checks the sink's check scheduler, or null when its checks are off; closed with the task
     */
    LoaderTask(String sinkId, LoaderSettings settings, String group, WarehouseSink warehouse, BatchAssembler assembler,
            LoadEventTracker events, CheckScheduler checks, LoaderStats stats) {
        this.sinkId = Objects.requireNonNull(sinkId, "sinkId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.group = Objects.requireNonNull(group, "group");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.assembler = Objects.requireNonNull(assembler, "assembler");
        this.events = Objects.requireNonNull(events, "events");
        this.checks = checks;
        this.stats = Objects.requireNonNull(stats, "stats");
        this.pending = new Batch(group);
        this.writer = new BatchWriter("loader-" + sinkId + "-writer");
    }

    /** Called after each warehouse commit and before the Kafka commit; tests use it to simulate a crash there. */
    void afterWarehouseCommit(Runnable hook) {
        this.afterWarehouseCommit = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public void initialize(SinkTaskContext context) {
        this.context = context;
    }

    @Override
    public Collection<String> topics() {
        return assembler.topics();
    }

    /** The offsets stored in the warehouse with the group's last batch. */
    @Override
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
        return warehouse.storedOffsets(group);
    }

    /**
     * The offsets stored in the warehouse with the group's last batch, with the topic ids they belong to; except where
     * the group's Kafka offset was reset by another tool ({@link ExternalOffsetResets}): that offset is honoured and
     * stored in the warehouse first, so that it holds on the next start too.
     */
    @Override
    public Map<TopicPartition, StoredOffset> storedPositions(Collection<TopicPartition> partitions) {
        finishWrite(true);
        Map<TopicPartition, StoredOffset> inWarehouse = new HashMap<>(warehouse.storedPositions(group));
        Map<TopicPartition, Long> resets = ExternalOffsetResets.find(partitions, inWarehouse,
                context.committedPositions(partitions));
        if (!resets.isEmpty()) {
            resets.forEach((tp, offset) -> log.warn("Loader of sink {}: the Kafka offset of group {} on {} was reset "
                    + "outside AMI Connect (kafka-consumer-groups --reset-offsets?) to {}; the warehouse had {}. "
                    + "Honouring the reset: reading from {} and storing it in the warehouse", sinkId, group, tp, offset,
                    inWarehouse.containsKey(tp) ? inWarehouse.get(tp).nextOffset() : "none", offset));
            Batch reset = new Batch(group);
            resets.forEach(reset::advance);
            warehouse.writeBatch(reset);
            resets.forEach((tp, offset) -> inWarehouse.put(tp, new StoredOffset(offset, null)));
        }
        return inWarehouse;
    }

    @Override
    public void positioned(Map<TopicPartition, Long> offsets) {
        stored.putAll(offsets);
        if (!offsets.isEmpty()) {
            // after a crash between the two commits Kafka lags behind the warehouse; let lag tools see the truth
            commitToKafka(offsets);
        }
    }

    @Override
    public void put(ConsumerRecords<byte[], byte[]> records) {
        if (inFlight != null && inFlight.result().isDone()) {
            finishWrite(true);
        }
        refreshSnapshotWhenDue();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (pending.records() == 0) {
                // a new batch per first record, so that its load time (created_time of raw rows) is not an idle past
                pending = new Batch(group);
                pendingSince = System.nanoTime();
            }
            switch (assembler.add(record, pending)) {
                case SKIPPED -> pendingSkipped++;
                case UNDECODABLE -> {
                    pendingSkipped++;
                    pendingUndecodable++;
                }
                case ADDED -> { }
            }
            if (pending.records() >= settings.batchRecords()) {
                write(false);
            }
        }
        if (pending.records() > 0 && (records.isEmpty()
                || System.nanoTime() - pendingSince >= settings.batchInterval().toNanos())) {
            // a poll that found nothing (it waited up to the loop's poll time) means the consumer has caught up: no
            // record is coming to fill the batch, so waiting out the interval would only delay its rows
            write(true);
        }
        if (records.isEmpty()) {
            // idle: there is nothing to assemble meanwhile, so the batch's bookkeeping (and Kafka commit) need not wait
            finishWrite(true);
        }
        if (inFlight == null) {
            if (pending.records() == 0) {
                storeStepsOverMarkers();
            }
            if (inFlight == null) {
                events.maybeCheck(warehouse, commits);
            }
        }
    }

    /** Until the batch in progress is {@link LoaderSettings#batchInterval()} old. */
    @Override
    public long nanosUntilDue() {
        return pending.records() > 0 ? pendingSince + settings.batchInterval().toNanos() - System.nanoTime()
                : Long.MAX_VALUE;
    }

    /** True while the batch in progress holds records, or a batch is being written. */
    @Override
    public boolean hasPending() {
        return pending.records() > 0 || inFlight != null;
    }

    /**
     * Writes the batch in progress and waits for it; then publishes the events of runs it completed rather than after
     * a restart.
     */
    @Override
    public void flush() {
        if (pending.records() > 0) {
            write(true);
        }
        finishWrite(true);
        events.checkNow(warehouse);
    }

    /**
     * Writes the batch in progress before partitions are taken, and waits for it and for the one in flight: both hold
     * records of them, and the next owner reads from the offsets the warehouse has.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (pending.records() > 0) {
            write(true);
        }
        finishWrite(true);
    }

    /**
     * Drops the batch in progress; its records are read again from the offsets the warehouse has. A batch in flight
     * is waited for first, so that the warehouse's offsets are final when the loop reads them: it is either committed
     * with its offsets or not at all.
     */
    @Override
    public void discard() {
        try {
            finishWrite(false);
        } catch (RuntimeException e) {
            log.warn("Sink {}: the batch being written failed and will be read again: {}", sinkId, e.getMessage());
        }
        resetPending();
    }

    @Override
    public void failed(String message) {
        stats.batchFailed(message);
    }

    @Override
    public void error(String message) {
        stats.error(message);
    }

    @Override
    public void stop() {
        try {
            discard();
        } finally {
            writer.close();
            if (checks != null) {
                checks.close();
            }
            events.close();
            warehouse.close();
        }
    }

    @Override
    public String toString() {
        return stats.toString();
    }

    /**
     * Stores positions that moved without a record: the consumer steps over transaction markers (and aborted
     * records) after the batch that held a partition's last record was written. Without this, lag tools would show
     * one record of lag per transaction that was the last one on its partition.
     */
    private void storeStepsOverMarkers() {
        Batch markers = null;
        for (TopicPartition tp : context.assignment()) {
            Long known = stored.get(tp);
            if (known != null) {
                long position = context.position(tp);
                if (position > known) {
                    if (markers == null) {
                        markers = new Batch(group);
                    }
                    markers.advance(tp, position);
                }
            }
        }
        if (markers != null) {
            pending = markers;
            write(false);
        }
    }

    /**
     * Hands the pending batch to the writer thread, which writes it and its offsets in one warehouse transaction;
     * waits first for the batch in flight ({@link #finishWrite}), so at most one is. A new batch is started.
     *
     * @param wholePoll true when every record fetched so far is in the batch: the consumer's position is then the
     *     next offset, which also steps over transaction markers that follow the batch's last record
     * @throws WarehouseException when the batch in flight failed; the pending batch is then still pending
     */
    private void write(boolean wholePoll) {
        finishWrite(true);
        Batch batch = pending;
        if (wholePoll) {
            Set<TopicPartition> assigned = context.assignment();
            for (TopicPartition tp : List.copyOf(batch.offsets().keySet())) {
                if (assigned.contains(tp)) {
                    batch.advance(tp, context.position(tp));
                }
            }
        }
        for (TopicPartition tp : batch.offsets().keySet()) {
            batch.topicId(tp.topic(), context.topicId(tp.topic()));
        }
        inFlight = new InFlight(batch, pendingSkipped, pendingUndecodable, System.nanoTime(),
                writer.submit(warehouse, batch));
        resetPending();
    }

    /**
     * Waits for the batch in flight, if any, then does what follows its commit on the loop thread: the offsets it
     * stored become the known ones, statistics, the after-commit hook, and (when {@code normal}) the loop is told of
     * the success and the offsets are committed to Kafka.
     *
     * @param normal false while the loop drops what it holds (a failure, lost partitions, a stop): the consumer is
     *     then not used, and the rewind that follows reads the warehouse's offsets anyway
     * @throws WarehouseException when the write failed: nothing of the batch is stored
     */
    private void finishWrite(boolean normal) {
        InFlight written = inFlight;
        if (written == null) {
            return;
        }
        inFlight = null;
        BatchWriter.Written done = BatchWriter.await(written.result());
        BatchResult result = done.result();
        Batch batch = written.batch();
        commits++;
        stored.putAll(batch.offsets());
        if (batch.records() > 0) {
            stats.batchCommitted(result, batch.records(), written.skipped(), written.undecodable());
        }
        log.debug("Sink {}: batch of {} records in {} ms ({} ms after it was handed over): {}", sinkId,
                batch.records(), Duration.ofNanos(done.nanos()).toMillis(),
                Duration.ofNanos(System.nanoTime() - written.startedNanos()).toMillis(), result);
        if (normal) {
            context.written();
        }
        afterWarehouseCommit.run();
        if (normal) {
            commitToKafka(batch.offsets());
        }
    }

    /**
     * Refreshes the warehouse's read-only snapshot (DuckDB: {@code <name>.snapshot.duckdb}) when something was written
     * since the last one and that is at least {@link #SNAPSHOT_EVERY} old (or {@link #SNAPSHOT_PAUSE_FACTOR} times
     * the last refresh's duration, when that is longer: a large warehouse is copied less often rather than slowing the
     * load); a failure is logged, loading goes on.
     */
    private void refreshSnapshotWhenDue() {
        if ((commits == commitsAtSnapshot && inFlight == null)
                || System.nanoTime() - lastSnapshot < snapshotPauseNanos) {
            return;
        }
        finishWrite(true);
        commitsAtSnapshot = commits;
        long started = System.nanoTime();
        try {
            warehouse.refreshSnapshot();
        } catch (RuntimeException e) {
            log.warn("Sink {}: {}", sinkId, e.getMessage());
        }
        lastSnapshot = System.nanoTime();
        snapshotPauseNanos = Math.max(SNAPSHOT_EVERY.toNanos(), SNAPSHOT_PAUSE_FACTOR * (lastSnapshot - started));
    }

    private void resetPending() {
        pending = new Batch(group);
        pendingSkipped = 0;
        pendingUndecodable = 0;
    }

    private void commitToKafka(Map<TopicPartition, Long> offsets) {
        try {
            context.commit(offsets);
        } catch (RuntimeException e) {
            // the warehouse holds the offsets that count; Kafka's copy only feeds lag monitoring
            log.warn("Sink {}: committing offsets to Kafka failed (the warehouse has them): {}", sinkId, e.toString());
        }
    }
}
