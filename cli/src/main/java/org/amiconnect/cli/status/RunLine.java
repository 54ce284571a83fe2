package org.amiconnect.cli.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.amiconnect.schemas.control.ExtractRun;

/**
 * One extract run as the status shows it.
 *
 * @param runId the run id
 * @param orgId the org
 * @param extractName standard, lagged, manual, backfill, ...
 * @param state QUEUED, RUNNING, SUCCEEDED, FAILED or REJECTED
 * @param rangeStart start of the extracted range, UTC, inclusive
 * @param rangeEnd end of the extracted range, UTC, exclusive
 * @param createdAt when the run was created, UTC
 * @param updatedAt when the run last changed state, UTC
 * @param records raw records published
 * @param error why it failed, or null
 */
public record RunLine(String runId, String orgId, String extractName, String state, Instant rangeStart,
        Instant rangeEnd, Instant createdAt, Instant updatedAt, long records, String error) {

    public static RunLine of(ExtractRun r) {
        long records = r.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum();
        return new RunLine(r.getRunId(), r.getOrgId(), r.getExtractName(), r.getState().name(), r.getRangeStart(),
                r.getRangeEnd(), r.getCreatedAt(), r.getUpdatedAt(), records, r.getError());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("org_id", orgId);
        m.put("extract", extractName);
        m.put("state", state);
        m.put("range_start", rangeStart.toString());
        m.put("range_end", rangeEnd.toString());
        m.put("created_at", createdAt.toString());
        m.put("updated_at", updatedAt.toString());
        m.put("records", records);
        m.put("error", error);
        return m;
    }
}
