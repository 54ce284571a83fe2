package org.amiconnect.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A warehouse the loader writes to.
 *
 * @param id referenced by sources' {@code sinks}
 * @param type {@code duckdb}, {@code postgresql} or {@code snowflake}
 * @param path DuckDB database file
 * @param url JDBC URL (PostgreSQL)
 * @param checks data-quality checks to run against this sink (empty: all of them)
 * @param secrets credentials from secrets.yaml {@code sinks.<id>}
 * @param checksSchedule five-field cron expression (UTC) of the scheduled checks while the loader runs; empty when
 *     {@code checks-schedule: off}
 * @param notifyCommand program and arguments run with a failed check's report (JSON) on standard input; empty for none
 * @param notifyUrl where a failed check's report (JSON) is POSTed
 */
public record SinkConfig(String id, String type, Path path, Optional<String> url, List<String> checks,
        Map<String, Secret> secrets, Optional<String> checksSchedule, List<String> notifyCommand,
        Optional<URI> notifyUrl) {

    /** Daily at 06:00 UTC, after the predecessor's nightly extracts have been loaded. */
    public static final String DEFAULT_CHECKS_SCHEDULE = "0 6 * * *";

    /** A sink with the default check schedule and no notification hook. */
    public SinkConfig(String id, String type, Path path, Optional<String> url, List<String> checks,
            Map<String, Secret> secrets) {
        this(id, type, path, url, checks, secrets, Optional.of(DEFAULT_CHECKS_SCHEDULE), List.of(), Optional.empty());
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        if (path != null) {
            m.put("path", path.toString());
        }
        url.ifPresent(u -> m.put("url", u));
        m.put("checks", checks);
        m.put("checks-schedule", checksSchedule.orElse("off"));
        if (!notifyCommand.isEmpty()) {
            m.put("notify-command", notifyCommand);
        }
        // a webhook's path often holds its token: show where it points, not the whole address
        notifyUrl.ifPresent(u -> m.put("notify-url", u.getScheme() + "://" + u.getAuthority() + "/" + Secret.MASK));
        if (!secrets.isEmpty()) {
            Map<String, Object> masked = new LinkedHashMap<>();
            secrets.keySet().forEach(k -> masked.put(k, Secret.MASK));
            m.put("secrets", masked);
        }
        return m;
    }
}
