package org.amiconnect.cli.status;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;

/**
 * Freshness and daily volume per org, read from a sink's {@code readings} table: the newest flowtime of each org, and
 * the readings per UTC day of flowtime over the last 30 days. Plain SQL that DuckDB, PostgreSQL and Snowflake all run
 * (flowtime is a UTC timestamp without zone in every dialect).
 *
 * @param newestFlowtime per org, UTC
 * @param readsPerDay per org, per day
 */
public record WarehouseFacts(Map<String, Instant> newestFlowtime, Map<String, Map<LocalDate, Long>> readsPerDay) {

    static final int DAYS = 30;
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Opens the sink, reads, closes it.
     *
     * @throws RuntimeException when the warehouse cannot be opened (e.g. a DuckDB file locked by another process) or
     *     read; the message names the sink
     */
    public static WarehouseFacts read(SinkConfig sink, Instant now) {
        try (WarehouseSink warehouse = WarehouseSinks.open(sink)) {
            return warehouse.read("status facts", (connection, dialect) -> {
                Map<String, Instant> newest = new HashMap<>();
                Map<String, Map<LocalDate, Long>> perDay = new TreeMap<>();
                LocalDateTime from = LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.DAYS).minus(DAYS - 1,
                        ChronoUnit.DAYS), ZoneOffset.UTC);
                try (Statement s = connection.createStatement()) {
                    try (ResultSet rs = s.executeQuery("select org_id, cast(max(flowtime) as varchar) from readings "
                            + "group by org_id")) {
                        while (rs.next()) {
                            String text = rs.getString(2);
                            if (text != null) {
                                newest.put(rs.getString(1), parse(text));
                            }
                        }
                    }
                    try (ResultSet rs = s.executeQuery("select org_id, cast(cast(flowtime as date) as varchar) as day, "
                            + "count(*) from readings where flowtime >= timestamp '" + LITERAL.format(from)
                            + "' group by org_id, cast(flowtime as date)")) {
                        while (rs.next()) {
                            perDay.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                    .put(LocalDate.parse(rs.getString(2).substring(0, 10)), rs.getLong(3));
                        }
                    }
                }
                return new WarehouseFacts(newest, perDay);
            });
        }
    }

    /** {@code 2026-11-30 10:00:00[.fff]} as a UTC instant. */
    static Instant parse(String timestamp) {
        String t = timestamp.trim().replace(' ', 'T');
        return LocalDateTime.parse(t.length() > 19 ? t.substring(0, 19) : t).toInstant(ZoneOffset.UTC);
    }
}
