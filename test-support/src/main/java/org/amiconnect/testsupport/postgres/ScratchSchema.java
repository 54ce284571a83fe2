package org.amiconnect.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own on the PostgreSQL server at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust authentication), created on {@link #create} and dropped with everything in it on {@link #close}.
 */
public final class ScratchSchema implements AutoCloseable {

    /** The test server, without a schema. */
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String server;
    private final String name;

    private ScratchSchema(String server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates a schema named {@code namePrefix} and a random suffix on the test server.
     *
     * @throws SQLException when the server is not there or refuses
     */
    public static ScratchSchema create(String namePrefix) throws SQLException {
        return create(SERVER, namePrefix);
    }

    /**
     * Creates a schema named {@code namePrefix} and a random suffix on the server of {@code serverUrl}, a JDBC URL
     * with a query string (the schema is added as {@code &currentSchema=}).
     *
     * @throws SQLException when the server is not there or refuses
     */
    public static ScratchSchema create(String serverUrl, String namePrefix) throws SQLException {
        ScratchSchema schema = new ScratchSchema(serverUrl,
                namePrefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** The schema's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL whose connections work in this schema. */
    public String url() {
        return server + "&currentSchema=" + name;
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
