package org.amiconnect.extractor.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.ExtractPlan;

/**
 * The window each scheduled extract covers "now": the range of its latest cron tick,
 * {@code [tick - lag - window, tick - lag)}. Anchoring on the tick rather than the wall clock makes a repeated run in
 * the same period extract exactly the same range, so re-running is idempotent.
 */
public final class CurrentWindows {

    private CurrentWindows() {
    }

    public static List<ScheduledExtract> schedulesOf(SourceConfig source, AdapterCatalog adapters) {
        return source.schedules().isEmpty() ? adapters.get(source.type()).scheduledExtracts() : source.schedules();
    }

    /** The source's primary (first) scheduled extract for its latest tick at or before {@code now}. */
    public static ExtractPlan standard(SourceConfig source, AdapterCatalog adapters, Instant now) {
        return of(source, schedulesOf(source, adapters).get(0), now);
    }

    public static ExtractPlan of(SourceConfig source, ScheduledExtract schedule, Instant now) {
        CronSchedule cron = CronSchedule.parse(schedule.cron(), source.timezone());
        Instant tick = cron.lastTickAtOrBefore(now).orElse(now);
        Instant end = tick.minus(schedule.lag());
        return new ExtractPlan(source, schedule.name(), end.minus(schedule.window()), end, Optional.empty());
    }

    public static List<ExtractPlan> standardForAll(List<SourceConfig> sources, AdapterCatalog adapters, Instant now) {
        List<ExtractPlan> plans = new ArrayList<>();
        for (SourceConfig s : sources) {
            plans.add(standard(s, adapters, now));
        }
        return plans;
    }
}
