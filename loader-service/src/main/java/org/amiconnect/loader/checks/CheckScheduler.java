package org.amiconnect.loader.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sink's checks on its {@code checks-schedule} (UTC, daily by default) on a thread of its own, with a warehouse
 * connection of its own for each run, so a slow check never holds up loading. A tick missed while the process was
 * down is not caught up; the next one runs.
 */
public final class CheckScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);

    private final SinkConfig sink;
    private final CronSchedule schedule;
    private final Supplier<WarehouseSink> opener;
    private final List<DataQualityCheck> checks;
    private final CheckContext context;
    private final CheckRunner runner;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running;
    private volatile CheckReport lastReport;
    private volatile long runs;

    public CheckScheduler(SinkConfig sink, CronSchedule schedule, Supplier<WarehouseSink> opener,
            List<DataQualityCheck> checks, CheckContext context, CheckRunner runner, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.opener = opener;
        this.checks = List.copyOf(checks);
        this.context = context;
        this.runner = runner;
        this.clock = clock;
        this.thread = new Thread(this::loop, "checks-" + sink.id());
        this.thread.setDaemon(true);
    }

    /** The scheduler of a sink's configured checks, or empty when its checks-schedule is off. */
    public static Optional<CheckScheduler> forSink(AmiConnectConfig config, SinkConfig sink) {
        return sink.checksSchedule().map(cron -> new CheckScheduler(sink, CronSchedule.parse(cron, ZoneOffset.UTC),
                () -> WarehouseSinks.open(sink), DataQualityChecks.named(sink.checks()), contextOf(config),
                new CheckRunner(), Clock.systemUTC()));
    }

    /** The orgs' time zones, in which the gap check counts days. */
    public static CheckContext contextOf(AmiConnectConfig config) {
        Map<String, ZoneId> zones = new HashMap<>();
        config.sources().forEach(s -> zones.put(s.orgId(), s.timezone()));
        return new CheckContext(zones);
    }

    public void start() {
        running = true;
        thread.start();
        log.info("Sink {}: data-quality checks {} scheduled at '{}' (UTC)", sink.id(),
                checks.stream().map(DataQualityCheck::name).toList(), schedule.expression());
    }

    /** The report of the last scheduled run, if one ran. */
    public Optional<CheckReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** Scheduled runs so far. */
    public long runs() {
        return runs;
    }

    private void loop() {
        Instant after = clock.instant();
        while (running) {
            Optional<Instant> next = schedule.nextTickAfter(after);
            if (next.isEmpty()) {
                log.warn("Sink {}: checks-schedule '{}' has no further tick", sink.id(), schedule.expression());
                return;
            }
            if (!sleepUntil(next.get())) {
                return;
            }
            after = next.get();
            runOnce();
        }
    }

    /** Runs the checks now, on the calling thread; failures to reach the warehouse are logged. */
    public Optional<CheckReport> runOnce() {
        try (WarehouseSink warehouse = opener.get()) {
            CheckReport report = runner.run(sink, warehouse, checks, context);
            lastReport = report;
            return Optional.of(report);
        } catch (RuntimeException e) {
            log.error("Sink {}: scheduled data-quality checks could not run: {}", sink.id(), e.getMessage());
            return Optional.empty();
        } finally {
            runs++;
        }
    }

    private boolean sleepUntil(Instant when) {
        while (running) {
            long millis = Duration.between(clock.instant(), when).toMillis();
            if (millis <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(millis, 1_000));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
