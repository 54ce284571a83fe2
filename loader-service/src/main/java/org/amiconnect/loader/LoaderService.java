package org.amiconnect.loader;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.concurrent.Pauses;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.LoaderSettings;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.checks.CheckScheduler;
import org.amiconnect.loader.events.LoadEventTracker;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.BatchResult;
import org.amiconnect.loader.sink.RawTable;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the normalized topics (meters, meter reads) and the raw topics into one warehouse sink.
 *
 * <p>Records are collected into micro-batches (at most {@link LoaderSettings#batchRecords()} records, at most
 * {@link LoaderSettings#batchInterval()} old). Each batch is one warehouse transaction that also stores the offsets it
 * was consumed up to; the same offsets are committed to Kafka afterwards only so that standard lag tools see them.
 * On every partition assignment the consumer seeks to the offsets stored in the warehouse, so a crash between the
 * warehouse commit and the Kafka commit neither loses nor repeats a batch.
 *
 * <p>Besides loading, the service publishes a load-finished event when all of an extract run's records are in the
 * warehouse ({@link LoadEventTracker}), and runs the sink's data-quality checks on their schedule
 * ({@link CheckScheduler}, its own thread and connection).
 */
public final class LoaderService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoaderService.class);

    /** Longest single poll, so that a stop request is noticed quickly. */
    private static final Duration MAX_POLL = Duration.ofMillis(100);
    private static final int MAX_POLL_RECORDS = 10_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final SinkConfig sink;
    private final LoaderSettings settings;
    private final String group;
    private final WarehouseSink warehouse;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchAssembler assembler;
    private final LoadEventTracker events;
    private final CheckScheduler checks;
    private final LoaderStats stats = new LoaderStats();
    private final Thread thread;

    private final AtomicBoolean resourcesClosed = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean failing;
    private volatile Runnable afterWarehouseCommit = () -> { };

    // state of the loader thread only
    private Batch pending;
    private long pendingSkipped;
    private long pendingUndecodable;
    private long pendingSince;
    private boolean rewindNeeded;
    /** The next offset per partition as the warehouse has it (stored by this loader or found on assignment). */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private Duration retryDelay = FIRST_RETRY;
    /** Warehouse commits so far, offset-only ones (stepping over transaction markers) included. */
    private long commits;

    public LoaderService(AmiConnectConfig config, SinkConfig sink, KafkaClients clients, Topics topics,
            SchemaRegistry registry, List<RawEntity> rawEntities) {
        this(config, sink, clients, topics, registry, rawEntities, WarehouseSinks.open(sink));
    }

    /** With an already opened warehouse, which the service then owns and closes. */
    public LoaderService(AmiConnectConfig config, SinkConfig sink, KafkaClients clients, Topics topics,
            SchemaRegistry registry, List<RawEntity> rawEntities, WarehouseSink warehouse) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = config.loader();
        this.group = topics.prefix() + "amiconnect-loader." + sink.id();
        this.warehouse = warehouse;
        LoadEventTracker tracker = null;
        try {
            List<RawTable> rawTables = RawTable.of(rawEntities);
            Set<String> orgs = config.sources().stream().filter(s -> s.sinks().contains(sink.id()))
                    .map(SourceConfig::orgId).collect(Collectors.toSet());
            Set<String> known = config.sources().stream().map(SourceConfig::orgId).collect(Collectors.toSet());
            this.assembler = new BatchAssembler(sink.id(), orgs, known, topics, rawTables, registry);
            // before any client is opened: an unknown check name in config.yaml fails here
            this.checks = CheckScheduler.forSink(config, sink).orElse(null);
            if (settings.createTables()) {
                warehouse.createTables(rawTables);
            }
            Set<String> rawTopics = rawTables.stream().map(t -> topics.raw(t.entity())).collect(Collectors.toSet());
            tracker = new LoadEventTracker(sink.id(), group, orgs, topics, rawTopics,
                    LoadEventTracker.transformerGroup(topics), clients, registry, Clock.systemUTC());
            Map<String, Object> props = clients.consumer("loader-" + sink.id(), group);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(settings.batchRecords(), MAX_POLL_RECORDS));
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.events = tracker;
            if (orgs.isEmpty()) {
                log.warn("No source lists sink {}: its loader will skip every record", sink.id());
            }
        } catch (RuntimeException e) {
            if (tracker != null) {
                tracker.close();
            }
            warehouse.close();
            throw e;
        }
        this.pending = new Batch(group);
        this.thread = new Thread(this::run, "loader-" + sink.id());
    }

    /** The consumer group, which is also the key of the offsets stored in the warehouse. */
    public String consumerGroup() {
        return group;
    }

    public SinkConfig sink() {
        return sink;
    }

    /** Starts loading on its own thread. */
    public synchronized void start() {
        if (resourcesClosed.get()) {
            throw new IllegalStateException("Loader of sink " + sink.id() + " is closed; create a new one");
        }
        if (running || thread.isAlive()) {
            throw new IllegalStateException("Loader of sink " + sink.id() + " is already started");
        }
        running = true;
        thread.start();
        if (checks != null) {
            checks.start();
        }
    }

    public LoaderStats stats() {
        return stats;
    }

    /** Load-finished events published since start. */
    public long loadEventsPublished() {
        return events.eventsPublished();
    }

    /** The scheduler of the sink's data-quality checks; empty when its checks-schedule is off. */
    public Optional<CheckScheduler> checkScheduler() {
        return Optional.ofNullable(checks);
    }

    /** Running, and the last warehouse write (if any) succeeded. */
    public boolean isHealthy() {
        return running && thread.isAlive() && !failing;
    }

    /** Called after each warehouse commit and before the Kafka commit; tests use it to simulate a crash there. */
    void afterWarehouseCommit(Runnable hook) {
        this.afterWarehouseCommit = Objects.requireNonNull(hook, "hook");
    }

    /** Writes the batch in progress, then closes the consumer and the warehouse connection. */
    @Override
    public synchronized void close() {
        running = false;
        if (Thread.currentThread() == thread) {
            return; // the loop ends after this batch and closes everything itself
        }
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the loop still ends on its own and closes everything
            }
        }
        closeResources();
    }

    private void run() {
        log.info("Loader of sink {} ({}) started: group {}, topics {}", sink.id(), warehouse.description(), group,
                assembler.topics());
        try {
            consumer.subscribe(assembler.topics(), new WarehouseOffsets());
            while (running) {
                try {
                    pollOnce();
                    if (pending.records() == 0 && !rewindNeeded) {
                        // idle and positioned from the warehouse: it answers; the retry delay stays until a write works
                        failing = false;
                    }
                    events.maybeCheck(warehouse, commits);
                } catch (RuntimeException e) {
                    handleFailure(e);
                }
            }
            if (pending.records() > 0 && !rewindNeeded) {
                try {
                    flush(true);
                } catch (RuntimeException e) {
                    log.warn("Loader of sink {}: the last batch was not written and will be read again: {}", sink.id(),
                            e.getMessage());
                }
            }
            // runs completed by the last batches get their event now rather than after a restart
            events.checkNow(warehouse);
        } catch (Throwable t) {
            log.error("Loader of sink {} stopped on an unexpected error", sink.id(), t);
            stats.error(t.toString());
            failing = true;
        } finally {
            running = false;
            closeResources();
            log.info("Loader of sink {} stopped: {}", sink.id(), stats);
        }
    }

    private void pollOnce() {
        if (rewindNeeded) {
            rewind();
        }
        Duration timeout = MAX_POLL;
        if (pending.records() > 0) {
            long left = pendingSince + settings.batchInterval().toNanos() - System.nanoTime();
            timeout = Duration.ofNanos(Math.max(0, Math.min(left, MAX_POLL.toNanos())));
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (rewindNeeded) {
            // the rebalance listener could not position the consumer: what was fetched may start anywhere
            discardPending();
            return;
        }
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
                flush(false);
            }
        }
        if (pending.records() > 0 && System.nanoTime() - pendingSince >= settings.batchInterval().toNanos()) {
            flush(true);
        }
        if (pending.records() == 0) {
            storeStepsOverMarkers();
        }
    }

    /**
     * Stores positions that moved without a record: the consumer steps over transaction markers (and aborted
     * records) after the batch that held a partition's last record was written. Without this, lag tools would show
     * one record of lag per transaction that was the last one on its partition.
     */
    private void storeStepsOverMarkers() {
        Batch markers = null;
        for (TopicPartition tp : consumer.assignment()) {
            Long known = stored.get(tp);
            if (known != null) {
                long position = consumer.position(tp);
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
            flush(false);
        }
    }

    /**
     * Writes the pending batch and its offsets in one warehouse transaction, then commits the offsets to Kafka.
     *
     * @param wholePoll true when every record fetched so far is in the batch: the consumer's position is then the
     *     next offset, which also steps over transaction markers that follow the batch's last record
     */
    private void flush(boolean wholePoll) {
        Batch batch = pending;
        if (wholePoll) {
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition tp : List.copyOf(batch.offsets().keySet())) {
                if (assigned.contains(tp)) {
                    batch.advance(tp, consumer.position(tp));
                }
            }
        }
        long started = System.nanoTime();
        BatchResult result = warehouse.writeBatch(batch);
        commits++;
        stored.putAll(batch.offsets());
        if (batch.records() > 0) {
            stats.batchCommitted(result, batch.records(), pendingSkipped, pendingUndecodable);
        }
        log.debug("Sink {}: batch of {} records in {} ms: {}", sink.id(), batch.records(),
                (System.nanoTime() - started) / 1_000_000, result);
        Map<TopicPartition, Long> offsets = batch.offsets();
        resetPending();
        recovered();
        afterWarehouseCommit.run();
        commitToKafka(offsets);
    }

    private void commitToKafka(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next)));
        try {
            consumer.commitSync(commit);
        } catch (RuntimeException e) {
            // the warehouse holds the offsets that count; Kafka's copy only feeds lag monitoring
            log.warn("Sink {}: committing offsets to Kafka failed (the warehouse has them): {}", sink.id(), e.toString());
        }
    }

    private void recovered() {
        failing = false;
        retryDelay = FIRST_RETRY;
    }

    private void handleFailure(RuntimeException e) {
        failing = true;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        stats.batchFailed(message);
        boolean firstInARow = retryDelay.equals(FIRST_RETRY);
        // the stack trace once per run of failures; repeats would only bury it
        log.error("Loader of sink {}: {}; retrying from the offsets stored in the warehouse in {} s", sink.id(), message,
                retryDelay.toSeconds(), firstInARow ? e : null);
        discardPending();
        Pauses.sleepWhile(() -> running, retryDelay);
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
    }

    /** Drops the batch in progress; its records are read again from the offsets the warehouse has. */
    private void discardPending() {
        resetPending();
        rewindNeeded = true;
    }

    private void resetPending() {
        pending = new Batch(group);
        pendingSkipped = 0;
        pendingUndecodable = 0;
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        seekToStored(assigned);
        rewindNeeded = false;
    }

    /** Positions each partition at the offset the warehouse stored for it, or at the beginning when it has none. */
    private void seekToStored(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> inWarehouse = warehouse.storedOffsets(group);
        Map<TopicPartition, Long> seeked = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long next = inWarehouse.get(tp);
            if (next != null) {
                consumer.seek(tp, next);
                seeked.put(tp, next);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        log.info("Sink {}: positioned {} partitions at the offsets stored in the warehouse ({} stored)", sink.id(),
                partitions.size(), seeked.size());
        stored.putAll(seeked);
        if (!seeked.isEmpty()) {
            // after a crash between the two commits Kafka lags behind the warehouse; let lag tools see the truth
            commitToKafka(seeked);
        }
    }

    private void closeResources() {
        if (!resourcesClosed.compareAndSet(false, true)) {
            return;
        }
        if (checks != null) {
            checks.close();
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.warn("Sink {}: closing the consumer failed: {}", sink.id(), e.toString());
        }
        events.close();
        warehouse.close();
    }

    /** Seeks to the warehouse's offsets on assignment; writes the batch in progress before partitions are taken. */
    private final class WarehouseOffsets implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seekToStored(partitions);
            } catch (RuntimeException e) {
                log.error("Sink {}: cannot read the stored offsets: {}", sink.id(), e.getMessage());
                stats.error(e.getMessage());
                rewindNeeded = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (pending.records() == 0 || partitions.isEmpty()) {
                return;
            }
            try {
                flush(true);
            } catch (RuntimeException e) {
                log.warn("Sink {}: the batch in progress could not be written before a rebalance and will be read "
                        + "again: {}", sink.id(), e.getMessage());
                discardPending();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (pending.records() > 0) {
                log.warn("Sink {}: partitions lost; the batch in progress will be read again", sink.id());
            }
            discardPending();
        }
    }
}
