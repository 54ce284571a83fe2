package org.amiconnect.loader;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.LoaderSettings;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.sink.SinkLoop;
import org.amiconnect.core.sink.SinkLoopOptions;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.checks.CheckScheduler;
import org.amiconnect.loader.events.LoadEventTracker;
import org.amiconnect.loader.sink.RawTable;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 *
 * <p>The consume loop (positioning, retries, rebalances, the thread) is core's {@link SinkLoop}; the loading itself is
 * {@link LoaderTask}.
 */
public final class LoaderService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoaderService.class);

    /** Longest single poll, so that a stop request is noticed quickly. */
    private static final Duration MAX_POLL = Duration.ofMillis(100);
    /**
     * 10 k. Larger polls (50 k, with fetch.min.bytes 256 KiB, and 8 MiB partition fetches) were tried: the DuckDB load
     * runs with them spent 2.4–9.9 s in GC against 0.3–0.4 s, so they are not used (benchmarks/TUNING.md,
     * "Tuning round 1").
     */
    private static final int MAX_POLL_RECORDS = 10_000;

    private final SinkConfig sink;
    private final String group;
    private final LoadEventTracker events;
    private final CheckScheduler checks;
    private final LoaderStats stats = new LoaderStats();
    private final LoaderTask task;
    private final SinkLoop loop;

    public LoaderService(AmiConnectConfig config, SinkConfig sink, KafkaClients clients, Topics topics,
            SchemaRegistry registry, List<RawEntity> rawEntities) {
        this(config, sink, clients, topics, registry, rawEntities, WarehouseSinks.open(sink));
    }

    /** With an already opened warehouse, which the service then owns and closes. */
    public LoaderService(AmiConnectConfig config, SinkConfig sink, KafkaClients clients, Topics topics,
            SchemaRegistry registry, List<RawEntity> rawEntities, WarehouseSink warehouse) {
        this.sink = Objects.requireNonNull(sink, "sink");
        LoaderSettings settings = config.loader();
        this.group = topics.prefix() + "amiconnect-loader." + sink.id();
        LoadEventTracker tracker = null;
        LoaderTask created = null;
        try {
            List<RawTable> rawTables = RawTable.of(rawEntities);
            Set<String> orgs = config.sources().stream().filter(s -> s.sinks().contains(sink.id()))
                    .map(SourceConfig::orgId).collect(Collectors.toSet());
            Set<String> known = config.sources().stream().map(SourceConfig::orgId).collect(Collectors.toSet());
            BatchAssembler assembler = new BatchAssembler(sink.id(), orgs, known, topics, rawTables, registry);
            // before any client is opened: an unknown check name in config.yaml fails here
            this.checks = CheckScheduler.forSink(config, sink).orElse(null);
            if (settings.createTables()) {
                warehouse.createTables(rawTables);
            }
            Set<String> rawTopics = rawTables.stream().map(t -> topics.raw(t.entity())).collect(Collectors.toSet());
            tracker = new LoadEventTracker(sink.id(), group, orgs, topics, rawTopics,
                    LoadEventTracker.transformerGroup(topics), clients, registry, Clock.systemUTC());
            this.events = tracker;
            created = new LoaderTask(sink.id(), settings, group, warehouse, assembler, tracker, checks, stats);
            Map<String, Object> props = clients.consumer("loader-" + sink.id() + "-" + KafkaClients.processInstance(), group);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(settings.batchRecords(), MAX_POLL_RECORDS));
            this.loop = new SinkLoop(SinkLoopOptions.of("Loader of sink " + sink.id(), "loader-" + sink.id(),
                    warehouse.description(), "the offsets stored in the warehouse", MAX_POLL), props, created);
            this.task = created;
            if (orgs.isEmpty()) {
                log.warn("No source lists sink {}: its loader will skip every record", sink.id());
            }
        } catch (RuntimeException e) {
            if (created != null) {
                created.stop();
            } else {
                if (tracker != null) {
                    tracker.close();
                }
                warehouse.close();
            }
            throw e;
        }
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
        loop.start();
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
        return loop.isHealthy();
    }

    /** Why the loader has stopped for good without being closed; empty while it runs or retries. */
    public Optional<String> failure() {
        return loop.failure();
    }

    /** Called after each warehouse commit and before the Kafka commit; tests use it to simulate a crash there. */
    void afterWarehouseCommit(Runnable hook) {
        task.afterWarehouseCommit(hook);
    }

    /** Writes the batch in progress, then closes the consumer and the warehouse connection. */
    @Override
    public void close() {
        loop.close();
    }
}
