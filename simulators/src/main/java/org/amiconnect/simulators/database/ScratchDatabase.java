package org.amiconnect.simulators.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.amiconnect.simulators.SimulatorUnavailableException;

/**
 * A schema of its own on a PostgreSQL server, where a database vendor's simulator creates the vendor's tables and
 * fills them; dropped with everything in it on {@link #close()}. Rows are inserted in JDBC batches.
 */
public final class ScratchDatabase implements AutoCloseable {

    /** The local server the default run fills: 127.0.0.1:5432, database {@code postgres}, user {@code postgres}. */
    public static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** The system property that names another server for the simulators ({@code -Damiconnect.simulators.postgres=…}). */
    public static final String SERVER_PROPERTY = "amiconnect.simulators.postgres";

    private static final int BATCH = 5_000;

    private final String serverUrl;
    private final String schema;
    private final Connection connection;

    private ScratchDatabase(String serverUrl, String schema, Connection connection) {
        this.serverUrl = serverUrl;
        this.schema = schema;
        this.connection = connection;
    }

    /** The server the simulators fill: {@value #SERVER_PROPERTY} when set, else {@link #LOCAL_SERVER}. */
    public static String simulatorServer() {
        return System.getProperty(SERVER_PROPERTY, LOCAL_SERVER);
    }

    /**
     * Creates a schema named {@code prefix} and a random suffix.
     *
     * @param serverUrl a PostgreSQL JDBC URL with a query string (user and, if needed, password in it)
     * @throws SimulatorUnavailableException when the server cannot be reached or refuses
     */
    public static ScratchDatabase create(String serverUrl, String prefix) {
        String schema = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        try {
            Connection c = DriverManager.getConnection(serverUrl + "&reWriteBatchedInserts=true");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new ScratchDatabase(serverUrl, schema, c);
        } catch (SQLException e) {
            throw new SimulatorUnavailableException("PostgreSQL at " + hostAndPort(serverUrl) + " is not reachable ("
                    + e.getMessage() + ")", e);
        }
    }

    public String schema() {
        return schema;
    }

    /** The server's host, as a client behind an SSH bastion would name it. */
    public String host() {
        return URI.create(serverUrl.substring("jdbc:".length())).getHost();
    }

    /** The server's port. */
    public int port() {
        int port = URI.create(serverUrl.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    /** The database name in the server URL. */
    public String database() {
        return URI.create(serverUrl.substring("jdbc:".length())).getPath().substring(1);
    }

    /**
     * A JDBC URL template for a client that reaches this server through a tunnel: {@code {host}} and {@code {port}}
     * are the tunnel's local end; the schema is chosen with {@code currentSchema}.
     */
    public String tunneledUrlTemplate() {
        return "jdbc:postgresql://{host}:{port}/" + database() + "?currentSchema=" + schema;
    }

    /** Runs DDL or DML in the schema. */
    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** A batch inserter into {@code table} of {@code columns} (values bound in that order). */
    public Inserter inserter(String table, List<String> columns) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        return new Inserter(connection.prepareStatement(sql), columns);
    }

    /** Inserts rows in batches; {@link #close()} sends the rest. */
    public static final class Inserter implements AutoCloseable {

        private final PreparedStatement statement;
        private final List<String> columns;
        private final int width;
        private int pending;
        private long rows;

        private Inserter(PreparedStatement statement, List<String> columns) {
            this.statement = statement;
            this.columns = List.copyOf(columns);
            this.width = columns.size();
        }

        /** One row given by column name; columns not named are NULL. */
        public void row(java.util.Map<String, ?> values) throws SQLException {
            Object[] ordered = new Object[width];
            for (int i = 0; i < width; i++) {
                ordered[i] = values.get(columns.get(i));
            }
            for (String name : values.keySet()) {
                if (!columns.contains(name)) {
                    throw new IllegalArgumentException("no column " + name + " in " + columns);
                }
            }
            row(ordered);
        }

        /** One row, its values in the column order (java.time values, strings, numbers, nulls). */
        public void row(Object... values) throws SQLException {
            if (values.length != width) {
                throw new IllegalArgumentException("expected " + width + " values, got " + values.length);
            }
            for (int i = 0; i < width; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            rows++;
            if (++pending == BATCH) {
                statement.executeBatch();
                pending = 0;
            }
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    statement.executeBatch();
                }
            } finally {
                statement.close();
            }
        }
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // the server went away: nothing left to drop from here
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }

    private static String hostAndPort(String url) {
        try {
            URI u = URI.create(url.substring("jdbc:".length()));
            return u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort());
        } catch (RuntimeException e) {
            return "the configured server";
        }
    }
}
