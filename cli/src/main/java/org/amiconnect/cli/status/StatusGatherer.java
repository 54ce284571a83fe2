package org.amiconnect.cli.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.ConsumerGroups;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers a {@link StatusReport} from a running cluster: the run history ({@code ami.control.extract-runs}), the
 * services' consumer groups (Admin), {@code ami.dlq} and the warehouses. A fact that cannot be read becomes a note of
 * the report instead of an error, so the rest is still shown. Thread-safe; {@link #latest()} serves a report at most
 * {@code maxAge} old so that a page refreshed often does not re-read everything.
 */
public final class StatusGatherer {

    private static final Logger log = LoggerFactory.getLogger(StatusGatherer.class);
    private static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(60);

    private final AmiConnectConfig config;
    private final KafkaClients clients;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final StatusAssembler assembler;
    private final Supplier<List<String>> failedChecks;
    private final Clock clock;
    private final Duration maxAge;
    private StatusReport cached;

    /**
     * @param failedChecks the failed checks known to this process (the loaders' latest scheduled check runs); a
     *     command without loaders passes an empty supplier
     */
    public StatusGatherer(AmiConnectConfig config, AdapterCatalog adapters, KafkaClients clients, Topics topics,
            SchemaRegistry registry, Supplier<List<String>> failedChecks, Clock clock, Duration maxAge) {
        this.config = config;
        this.clients = clients;
        this.topics = topics;
        this.registry = registry;
        this.assembler = new StatusAssembler(config, adapters);
        this.failedChecks = failedChecks;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A report no older than {@code maxAge}, gathered now if the last one is older. */
    public synchronized StatusReport latest() {
        if (cached == null || cached.at().plus(maxAge).isBefore(clock.instant())) {
            cached = gather();
        }
        return cached;
    }

    /** Gathers a new report (which {@link #latest()} then serves). */
    public StatusReport gather() {
        StatusReport report = read();
        synchronized (this) {
            cached = report;
        }
        return report;
    }

    private StatusReport read() {
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();
        List<ExtractRun> runs = List.of();
        try {
            runs = RunHistory.snapshot(clients, topics, registry, HISTORY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("run history not read: interrupted");
        } catch (Exception e) {
            notes.add("run history (" + topics.extractRuns() + ") not read: " + e.getMessage());
        }
        Map<String, Long> lag = Map.of();
        ClusterFacts.DeadLetterCounts dead = null;
        try (Admin admin = Admin.create(clients.admin("amiconnect-status"))) {
            try {
                lag = ClusterFacts.lag(admin, groups());
            } catch (Exception e) {
                notes.add("consumer lag not read: " + message(e));
            }
            try {
                dead = ClusterFacts.deadLetters(clients, admin, registry, topics.deadLetters(),
                        now.minus(Duration.ofHours(24)), now.minus(config.notifications().spikeWindow()));
            } catch (Exception e) {
                notes.add("dead letters (" + topics.deadLetters() + ") not read: " + message(e));
            }
        }
        boolean warehouseRead = false;
        Map<String, Instant> newest = new TreeMap<>();
        Map<String, Map<LocalDate, Long>> perDay = new TreeMap<>();
        for (SinkConfig sink : config.sinks()) {
            if (sink.path() != null && !java.nio.file.Files.exists(sink.path())) {
                // opening it would create an empty database file
                notes.add("warehouse " + sink.id() + " not read: " + sink.path() + " does not exist yet");
                continue;
            }
            try {
                WarehouseFacts f = WarehouseFacts.read(sink, now);
                warehouseRead = true;
                f.newestFlowtime().forEach((org, t) -> newest.merge(org, t, (a, b) -> a.isAfter(b) ? a : b));
                f.readsPerDay().forEach((org, days) -> days.forEach((day, n) ->
                        perDay.computeIfAbsent(org, k -> new TreeMap<>()).merge(day, n, Math::max)));
            } catch (RuntimeException e) {
                notes.add("warehouse " + sink.id() + " not read: " + message(e));
            }
        }
        List<String> checks = List.of();
        try {
            checks = failedChecks.get();
        } catch (RuntimeException e) {
            notes.add("check results not read: " + message(e));
        }
        notes.forEach(n -> log.debug("Status: {}", n));
        StatusFacts facts = new StatusFacts(lag, dead == null ? null : dead.byOrg(),
                dead == null ? Map.of() : dead.byReason(), dead == null ? Map.of() : dead.byOrgSinceRecent(),
                warehouseRead, newest, perDay, checks, notes);
        return assembler.assemble(runs, facts, now);
    }

    /** Service name to consumer group: the transformer, one loader per sink, the archiver. */
    private Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("transformer", ConsumerGroups.transformer(topics));
        for (SinkConfig sink : config.sinks()) {
            g.put("loader " + sink.id(), topics.prefix() + "amiconnect-loader." + sink.id());
        }
        g.put("archiver", Archiver.consumerGroup(topics));
        return g;
    }

    private static String message(Exception e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
