package org.amiconnect.cli.runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.SinkConfig;

/** Row counts of a DuckDB warehouse's tables, for the end-of-run summary. */
final class WarehouseCounts {

    private WarehouseCounts() {
    }

    static Map<String, Long> of(SinkConfig sink, List<RawEntity> rawEntities) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (!sink.type().equals("duckdb")) {
            return counts;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + sink.path().toAbsolutePath());
                Statement s = c.createStatement()) {
            counts.put("readings", count(s, "SELECT count(*) FROM readings"));
            counts.put("meters (current)", count(s, "SELECT count(*) FROM meters WHERE row_active_until IS NULL"));
            counts.put("meters (all versions)", count(s, "SELECT count(*) FROM meters"));
            for (RawEntity e : rawEntities) {
                counts.put(e.table(), count(s, "SELECT count(*) FROM " + e.table()));
            }
        }
        return counts;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
