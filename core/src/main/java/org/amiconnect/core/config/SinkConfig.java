package org.amiconnect.core.config;

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
 * @param checks data-quality checks to run against this sink
 * @param secrets credentials from secrets.yaml {@code sinks.<id>}
 */
public record SinkConfig(String id, String type, Path path, Optional<String> url, List<String> checks,
        Map<String, Secret> secrets) {

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        if (path != null) {
            m.put("path", path.toString());
        }
        url.ifPresent(u -> m.put("url", u));
        m.put("checks", checks);
        if (!secrets.isEmpty()) {
            Map<String, Object> masked = new LinkedHashMap<>();
            secrets.keySet().forEach(k -> masked.put(k, Secret.MASK));
            m.put("secrets", masked);
        }
        return m;
    }
}
