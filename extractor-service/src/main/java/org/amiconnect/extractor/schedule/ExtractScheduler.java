package org.amiconnect.extractor.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.publish.ControlPublisher;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns schedules and backfills into extract requests. It looks at the (injected) clock every
 * {@code scheduleCheckInterval}; when a cron tick (in the source's time zone) has passed, it publishes the request for
 * that tick with a deterministic id, which the instance owning the org runs once however many instances published it.
 *
 * <ul>
 *   <li>Only the latest tick counts: after a pause (the service was down, the clock jumped) a schedule's missed ticks
 *       run once, as the run of the latest one, not once each. On start a tick that already has a run is not asked
 *       for again.</li>
 *   <li>A backfill asks, at each tick of its schedule, for its next chunk without a SUCCEEDED, QUEUED or RUNNING run
 *       (walking backwards from end_date; a FAILED chunk is asked for again). Once every chunk succeeded it says so and
 *       stops.</li>
 * </ul>
 */
public final class ExtractScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtractScheduler.class);

    private final List<Entry> entries = new ArrayList<>();
    private final RunHistory history;
    private final ControlPublisher requests;
    private final Clock clock;
    private final Duration checkInterval;
    private final Thread thread;
    private volatile boolean running = true;

    private interface Entry {
        void evaluate(Instant now);
    }

    public ExtractScheduler(ExtractorService service, RunHistory history, List<SourceConfig> sources,
            List<BackfillConfig> backfills) {
        this.history = history;
        this.requests = service.control();
        this.clock = service.clock();
        this.checkInterval = service.options().scheduleCheckInterval();
        AdapterCatalog adapters = service.adapters();
        for (SourceConfig s : sources) {
            for (ScheduledExtract schedule : CurrentWindows.schedulesOf(s, adapters)) {
                entries.add(new ScheduleEntry(s, schedule));
            }
        }
        for (BackfillConfig b : backfills) {
            Optional<SourceConfig> source = sources.stream().filter(s -> s.orgId().equals(b.orgId())).findFirst();
            if (source.isEmpty()) {
                log.warn("Backfill {} is for org '{}', which this extractor does not run; it is ignored here", b.id(),
                        b.orgId());
            } else {
                entries.add(new BackfillEntry(b, source.get()));
            }
        }
        this.thread = new Thread(this::loop, "extract-scheduler");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        try {
            history.awaitCaughtUp(Duration.ofSeconds(60));
        } catch (TimeoutException e) {
            log.warn("{}; scheduling with what was read so far", e.getMessage());
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            log.error("The scheduler cannot read the run history: {}", e.getMessage());
        }
        while (running) {
            Instant now = clock.instant();
            for (Entry e : entries) {
                try {
                    e.evaluate(now);
                } catch (RuntimeException ex) {
                    log.error("Scheduling failed: {}", ex.getMessage(), ex);
                }
            }
            try {
                Thread.sleep(checkInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes a request; false when the cluster did not take it (tried again at the next check). */
    private boolean publish(ExtractRequest request) {
        try {
            requests.publish(request);
            return true;
        } catch (KafkaException e) {
            log.warn("Could not publish extract request {}: {}", request.getRequestId(), e.getMessage());
            return false;
        }
    }

    /** A tick newer than the last one handled, or empty. */
    private static Optional<Instant> newTick(CronSchedule cron, Instant now, Instant last) {
        return cron.lastTickAtOrBefore(now).filter(t -> last == null || t.isAfter(last));
    }

    /** One scheduled extract of one source. */
    private final class ScheduleEntry implements Entry {

        private final SourceConfig source;
        private final ScheduledExtract schedule;
        private final CronSchedule cron;
        private Instant lastTick;

        ScheduleEntry(SourceConfig source, ScheduledExtract schedule) {
            this.source = source;
            this.schedule = schedule;
            this.cron = CronSchedule.parse(schedule.cron(), source.timezone());
        }

        @Override
        public void evaluate(Instant now) {
            Optional<Instant> due = newTick(cron, now, lastTick);
            if (due.isEmpty()) {
                return;
            }
            Instant tick = due.get();
            boolean first = lastTick == null;
            if (first && history.hasScheduledRun(source.orgId(), schedule.name(), tick)) {
                lastTick = tick;
                log.info("{} {}: the tick at {} already has a run; next tick {}", source.orgId(), schedule.name(),
                        tick.atZone(source.timezone()), cron.nextTickAfter(tick).map(t -> t.atZone(source.timezone())).orElse(null));
                return;
            }
            ExtractRequest request = ScheduledRequests.scheduled(source, schedule, tick, now);
            if (publish(request)) {
                lastTick = tick;
                log.info("{} {}: requested the {} tick at {} for [{} .. {})", source.orgId(), schedule.name(),
                        first ? "missed (or first)" : "scheduled", tick.atZone(source.timezone()),
                        request.getRangeStart(), request.getRangeEnd());
            }
        }
    }

    /** One configured backfill. */
    private final class BackfillEntry implements Entry {

        private final BackfillConfig backfill;
        private final SourceConfig source;
        private final CronSchedule cron;
        private final List<BackfillChunk> chunks;
        private Instant lastTick;
        private boolean complete;

        BackfillEntry(BackfillConfig backfill, SourceConfig source) {
            this.backfill = backfill;
            this.source = source;
            this.cron = CronSchedule.parse(backfill.schedule(), source.timezone());
            this.chunks = BackfillChunks.of(backfill, source.timezone());
        }

        @Override
        public void evaluate(Instant now) {
            if (complete) {
                return;
            }
            Map<Integer, ExtractRun> states = history.backfillChunks(backfill.id());
            if (chunks.stream().allMatch(c -> state(states, c) == ExtractRunState.SUCCEEDED)) {
                complete = true;
                log.info("Backfill {} is complete: all {} chunks of {} .. {} are extracted; it can be removed from "
                        + "backfills:", backfill.id(), chunks.size(), backfill.startDate(), backfill.endDate());
                return;
            }
            Optional<Instant> due = newTick(cron, now, lastTick);
            if (due.isEmpty()) {
                return;
            }
            Instant tick = due.get();
            if (lastTick == null && history.any(r -> backfill.id().equals(r.getBackfillId())
                    && tick.equals(r.getScheduledFor()))) {
                lastTick = tick;
                return;
            }
            Optional<BackfillChunk> next = chunks.stream().filter(c -> {
                ExtractRunState s = state(states, c);
                return s != ExtractRunState.SUCCEEDED && s != ExtractRunState.QUEUED && s != ExtractRunState.RUNNING;
            }).findFirst();
            if (next.isEmpty()) {
                lastTick = tick;
                log.info("Backfill {}: every remaining chunk is queued or running; nothing new at {}", backfill.id(),
                        tick.atZone(source.timezone()));
                return;
            }
            BackfillChunk chunk = next.get();
            if (publish(ScheduledRequests.backfillChunk(backfill, chunk, tick, now))) {
                lastTick = tick;
                log.info("Backfill {}: requested chunk {}/{} [{} .. {}) at tick {}", backfill.id(), chunk.index(),
                        chunk.count(), chunk.start(), chunk.end(), tick.atZone(source.timezone()));
            }
        }

        private static ExtractRunState state(Map<Integer, ExtractRun> states, BackfillChunk chunk) {
            ExtractRun run = states.get(chunk.index());
            return run == null ? null : run.getState();
        }
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
