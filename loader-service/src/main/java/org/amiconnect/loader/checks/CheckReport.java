package org.amiconnect.loader.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run of a sink's checks.
 *
 * @param sinkId the sink (config.yaml sinks[].id)
 * @param warehouse the sink's description, e.g. {@code duckdb /data/warehouse.duckdb}
 * @param errors checks that could not run, with the reason
 */
public record CheckReport(String sinkId, String warehouse, Instant startedAt, Duration took, List<CheckResult> results,
        Map<String, String> errors) {

    public CheckReport {
        results = List.copyOf(results);
        errors = Map.copyOf(errors);
    }

    /** True when a check failed or could not run: what makes {@code checks run} exit non-zero and notifies. */
    public boolean failed() {
        return !errors.isEmpty() || results.stream().anyMatch(r -> r.status() == CheckStatus.FAILED);
    }

    public List<CheckResult> withStatus(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /** The report as the notification hook receives it (serialized as JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sink", sinkId);
        m.put("warehouse", warehouse);
        m.put("started_at", startedAt.toString());
        m.put("took_ms", took.toMillis());
        m.put("failed", failed());
        m.put("results", results.stream().map(r -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("check", r.check());
            result.put("status", r.status().name());
            result.put("summary", r.summary());
            result.put("violations", r.violations());
            result.put("examples", r.examples());
            return result;
        }).toList());
        m.put("errors", new LinkedHashMap<>(errors));
        return m;
    }
}
