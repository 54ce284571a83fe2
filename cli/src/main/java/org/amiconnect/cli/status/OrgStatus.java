package org.amiconnect.cli.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator wants to know about one org at a glance.
 *
 * @param orgId the source's org id
 * @param vendor the source's adapter type, e.g. {@code beacon_360}
 * @param lastSuccess the most recently finished SUCCEEDED extract run, if any
 * @param nextRun the next cron tick (UTC) of any of the org's scheduled extracts or backfills, if any
 * @param backfills per backfill id, chunks succeeded and chunks in all
 * @param newestFlowtime the newest read time (UTC) in the warehouse; empty when none or when no warehouse could be read
 * @param deadLetters24h records of the org dead-lettered in the last 24 hours; -1 when the topic could not be read
 * @param failedRuns extract names whose latest finished run FAILED, each with that run
 * @param problems why the org needs attention, one sentence each; empty when it does not
 */
public record OrgStatus(String orgId, String vendor, Optional<RunLine> lastSuccess, Optional<Instant> nextRun,
        Map<String, BackfillProgress> backfills, Optional<Instant> newestFlowtime, long deadLetters24h,
        List<RunLine> failedRuns, List<String> problems) {

    /** Chunks of a backfill that succeeded, of all its chunks. */
    public record BackfillProgress(int succeeded, int chunks) {
        @Override
        public String toString() {
            return succeeded + "/" + chunks;
        }
    }

    public boolean needsAttention() {
        return !problems.isEmpty();
    }

    /** This status as a JSON-ready tree (instants as ISO-8601 UTC text, absent values as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("org_id", orgId);
        m.put("vendor", vendor);
        m.put("last_success", lastSuccess.map(RunLine::toMap).orElse(null));
        m.put("next_run", nextRun.map(Instant::toString).orElse(null));
        Map<String, Object> b = new LinkedHashMap<>();
        backfills.forEach((id, p) -> b.put(id, Map.of("succeeded", p.succeeded(), "chunks", p.chunks())));
        m.put("backfills", b);
        m.put("newest_flowtime", newestFlowtime.map(Instant::toString).orElse(null));
        m.put("dead_letters_24h", deadLetters24h);
        m.put("failed_runs", failedRuns.stream().map(RunLine::toMap).toList());
        m.put("problems", problems);
        m.put("needs_attention", needsAttention());
        return m;
    }
}
