package org.amiconnect.loader.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;

import org.amiconnect.core.config.SinkConfig;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default warehouse: a DuckDB database file. Batches are staged with DuckDB's appender, which writes
 * columnar chunks directly instead of going through SQL parameters.
 */
public final class DuckDbSink extends JdbcWarehouseSink {

    /** DuckDB's catalog and schema of temporary tables. */
    private static final String TEMP_CATALOG = "temp";
    private static final String TEMP_SCHEMA = "main";

    private final Path file;

    /** Opens (or creates) the database file, creating its directory when missing. */
    public DuckDbSink(Path file) {
        super(new DuckDbDialect(), "duckdb " + file.toAbsolutePath());
        this.file = file.toAbsolutePath();
        try {
            Path dir = this.file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            connection();
        } catch (IOException | SQLException e) {
            throw new WarehouseException("Cannot open DuckDB database " + this.file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement s = c.createStatement()) {
            // timestamps are instants: with UTC they print and compare the same everywhere
            s.execute("SET TimeZone = 'UTC'");
        }
        c.setAutoCommit(false);
        return c;
    }

    @Override
    protected void stage(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        List<Column> columns = table.columns();
        ColumnType[] types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(TEMP_CATALOG, TEMP_SCHEMA, dialect().stagingName(table))) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (int i = 0; i < types.length; i++) {
                    append(appender, types[i], row[i]);
                }
                appender.endRow();
            }
        }
    }

    private static void append(DuckDBAppender appender, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case TEXT -> appender.append((String) value);
            case DOUBLE -> appender.append(((Number) value).doubleValue());
            case INTEGER -> appender.append(((Number) value).intValue());
            case BIGINT -> appender.append(((Number) value).longValue());
            case TIMESTAMP -> appender.appendEpochMicros(((Number) value).longValue());
        }
    }

    /** Sink type {@code duckdb}: a database file at the sink's {@code path}. */
    public static final class Provider implements WarehouseProvider {

        @Override
        public SqlDialect dialect() {
            return new DuckDbDialect();
        }

        @Override
        public WarehouseSink open(SinkConfig sink) {
            return new DuckDbSink(sink.path());
        }
    }
}
