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
import java.util.Map;

/** Reads a warehouse back with its own connection, as an analyst would. Timestamps come back as OffsetDateTime. */
public final class Warehouse implements AutoCloseable {

    private final Connection connection;

    /** A DuckDB database file. */
    public Warehouse(Path file) throws SQLException {
        this("jdbc:duckdb:" + file.toAbsolutePath());
    }

    public Warehouse(String jdbcUrl) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
    }

    /** Every row of the query, as column name → value maps. */
    public List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    boolean timestamp = md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
                            || md.getColumnTypeName(i).equalsIgnoreCase("timestamptz");
                    row.put(md.getColumnLabel(i), timestamp ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
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
