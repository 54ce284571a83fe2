package org.amiconnect.extractor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.ScheduledExtract;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.schemas.control.ExtractRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every source's scheduled extracts at their cron ticks (in the source's time zone), one at a time, on its own
 * thread. On start it runs each source's primary extract for its latest tick once, so a freshly started pipeline has
 * data without waiting for the next tick.
 */
public final class ScheduleLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoop.class);

    private record Entry(SourceConfig source, ScheduledExtract schedule, CronSchedule cron) {
    }

    private final ExtractorService extractor;
    private final List<Entry> entries = new ArrayList<>();
    private final AdapterCatalog adapters;
    private final Clock clock;
    private final Consumer<ExtractRun> onRun;
    private final Thread thread;
    private volatile boolean running = true;

    public ScheduleLoop(ExtractorService extractor, List<SourceConfig> sources, AdapterCatalog adapters, Clock clock,
            Consumer<ExtractRun> onRun) {
        this.extractor = extractor;
        this.adapters = adapters;
        this.clock = clock;
        this.onRun = onRun;
        for (SourceConfig s : sources) {
            for (ScheduledExtract schedule : CurrentWindows.schedulesOf(s, adapters)) {
                entries.add(new Entry(s, schedule, CronSchedule.parse(schedule.cron(), s.timezone())));
            }
        }
        this.thread = new Thread(this::loop, "extract-schedule");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        try {
            for (SourceConfig s : entries.stream().map(Entry::source).distinct().toList()) {
                onRun.accept(extractor.execute(CurrentWindows.standard(s, adapters, clock.instant())));
            }
            Instant last = clock.instant();
            while (running) {
                Instant from = last;
                Optional<Instant> next = entries.stream().map(e -> e.cron().nextTickAfter(from)).flatMap(Optional::stream)
                        .min(Comparator.naturalOrder());
                if (next.isEmpty()) {
                    return;
                }
                Duration wait = Duration.between(clock.instant(), next.get());
                if (!wait.isNegative()) {
                    Thread.sleep(wait.toMillis() + 1);
                }
                for (Entry e : entries) {
                    Optional<Instant> tick = e.cron().nextTickAfter(from);
                    if (tick.isPresent() && !tick.get().isAfter(next.get())) {
                        onRun.accept(extractor.execute(CurrentWindows.of(e.source(), e.schedule(), next.get())));
                    }
                }
                last = next.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The extract schedule stopped on an unexpected error", e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
