package org.amiconnect.loader.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;

import org.amiconnect.core.config.SinkConfig;

/**
 * A PostgreSQL (15 or newer) warehouse. Tables live in the connection's current schema (choose it with
 * {@code currentSchema=} in the URL). Batches are staged with {@code COPY ... FROM STDIN} ({@link PostgresCopy}).
 */
public final class PostgresSink extends JdbcWarehouseSink {

    private final String url;
    private final Properties properties;

    /**
     * @param url a {@code jdbc:postgresql://} URL
     * @param user null to use the URL's (or the driver's default)
     * @param password null when not needed
     */
    public PostgresSink(String url, String user, String password) {
        super(new PostgresDialect(), "postgresql " + url.replaceAll("password=[^&]*", "password=***"));
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "amiconnect-loader");
        try {
            connection();
        } catch (SQLException e) {
            throw new WarehouseException("Cannot connect to " + description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected Connection openConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url, properties);
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
        }
        c.setAutoCommit(false);
        return c;
    }

    @Override
    protected void stage(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        PostgresCopy.copy(connection, dialect().quote(dialect().stagingName(table)),
                table.columns().stream().map(c -> dialect().quote(c.name())).toList(), table.columns(), rows);
    }

    /** Sink type {@code postgresql}: the sink's {@code url}, with its {@code user} and {@code password} secrets. */
    public static final class Provider implements WarehouseProvider {

        @Override
        public SqlDialect dialect() {
            return new PostgresDialect();
        }

        @Override
        public WarehouseSink open(SinkConfig sink) {
            String url = sink.url().orElseThrow(() -> new IllegalArgumentException(
                    "sink " + sink.id() + ": a postgresql sink needs a url"));
            return new PostgresSink(url, WarehouseSinks.secret(sink, "user").orElse(null),
                    WarehouseSinks.secret(sink, "password").orElse(null));
        }
    }
}
