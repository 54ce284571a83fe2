package org.amiconnect.loader.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a warehouse back with its own connection, as an analyst would. Timestamps come back as OffsetDateTime. */
public final class Warehouse implements AutoCloseable {

    private final Connection connection;

    /** A DuckDB database file. */
    public Warehouse(Path file) throws SQLException {
        this("jdbc:duckdb:" + file.toAbsolutePath());
    }

    public Warehouse(String jdbcUrl) throws SQLException {
        this(DriverManager.getConnection(jdbcUrl));
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
    }

    /** An open connection, whose session already uses UTC. */
    public Warehouse(Connection connection) {
        this.connection = connection;
    }

    /** Every row of the query, as column name → value maps. */
    public List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String typeName = md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
                    boolean timestamp = md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
                            || typeName.equals("timestamptz") || typeName.equals("timestamp_tz");
                    // Snowflake reports upper-case labels; the tables' names are the same in any case
                    row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), timestamp ? timestamp(rs, i) : value(rs, i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static OffsetDateTime timestamp(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, OffsetDateTime.class);
        } catch (SQLException | RuntimeException e) {
            java.sql.Timestamp ts = rs.getTimestamp(column);
            return ts == null ? null : OffsetDateTime.ofInstant(ts.toInstant(), java.time.ZoneOffset.UTC);
        }
    }

    /** The column's value; whole NUMBER(38,0) values (Snowflake's integers) as Long, like BIGINT elsewhere. */
    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v instanceof java.math.BigDecimal d && d.scale() == 0 && d.unscaledValue().bitLength() < 64) {
            return d.longValueExact();
        }
        return v;
    }

    public long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
