package org.amiconnect.cli.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's state at one instant: {@code amiconnect status}, the status page and the notifications all read it.
 *
 * @param at when it was taken, UTC
 * @param orgs one status per configured source, in config order
 * @param consumerLag per service consumer group, records not yet consumed (end offset minus committed offset, summed
 *     over the group's partitions; transaction markers count, so a group that is done may show a few)
 * @param failedChecks failed data-quality checks of the latest check run, {@code sink/check: summary}
 * @param recentRuns the newest extract runs, newest first
 * @param deadLettersByReason dead letters of the last 24 hours per reason ({@code stage: error class})
 * @param deadLettersInSpikeWindow per org, dead letters within {@code notifications.spike-window}
 * @param readsPerDay per org, readings in the warehouse per UTC day of their flowtime, the last 30 days
 * @param notes facts that could not be gathered and why (a warehouse locked by another process, ...)
 */
public record StatusReport(Instant at, List<OrgStatus> orgs, Map<String, Long> consumerLag, List<String> failedChecks,
        List<RunLine> recentRuns, Map<String, Long> deadLettersByReason, Map<String, Long> deadLettersInSpikeWindow,
        Map<String, Map<LocalDate, Long>> readsPerDay,
        List<String> notes) {

    /** True when an org needs attention or a check failed. */
    public boolean needsAttention() {
        return !failedChecks.isEmpty() || orgs.stream().anyMatch(OrgStatus::needsAttention);
    }

    /** The report as a JSON-ready tree: the shape of {@code status --json} and {@code /status.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        m.put("needs_attention", needsAttention());
        m.put("orgs", orgs.stream().map(OrgStatus::toMap).toList());
        m.put("consumer_lag", consumerLag);
        m.put("failed_checks", failedChecks);
        m.put("recent_runs", recentRuns.stream().map(RunLine::toMap).toList());
        m.put("dead_letters_24h_by_reason", deadLettersByReason);
        m.put("dead_letters_in_spike_window", deadLettersInSpikeWindow);
        Map<String, Object> days = new LinkedHashMap<>();
        readsPerDay.forEach((org, perDay) -> {
            Map<String, Long> d = new LinkedHashMap<>();
            perDay.forEach((day, n) -> d.put(day.toString(), n));
            days.put(org, d);
        });
        m.put("reads_per_day", days);
        m.put("notes", notes);
        return m;
    }
}
