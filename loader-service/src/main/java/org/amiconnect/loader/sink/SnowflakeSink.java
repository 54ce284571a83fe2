package org.amiconnect.loader.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.amiconnect.core.config.SinkConfig;

/**
 * A Snowflake warehouse, through the Snowflake JDBC driver ({@code net.snowflake:snowflake-jdbc}), which is not
 * bundled: it is found by its {@code jdbc:snowflake:} URL at runtime, so installations that do not use Snowflake do
 * not carry its 90 MB. Authentication is key-pair (JWT) when an {@code ssh_key} secret is configured, else password.
 *
 * <p>Batches are staged with batched inserts (the driver uploads large batches through a temporary stage by itself)
 * and merged with the SQL of {@link SnowflakeDialect}. Query results are requested as JSON rather than Arrow, so the
 * JVM needs no {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 */
public final class SnowflakeSink extends JdbcWarehouseSink {

    /** Rows per executeBatch: big enough for the driver to stage them as a file, small enough for memory. */
    private static final int STAGE_CHUNK = 16_384;

    /**
     * Where and as whom to connect; every value comes from secrets.yaml {@code sinks.<id>}.
     *
     * @param account account identifier ({@code orgname-account} or a locator such as {@code xy12345.us-east-1}),
     *     or the whole host name
     * @param privateKeyPem the {@code ssh_key} secret: a PKCS#8 PEM private key (key-pair authentication)
     * @param privateKeyPassphrase the passphrase of an encrypted {@code ssh_key}
     * @param password used when there is no private key
     */
    public record Credentials(String account, String user, String role, String warehouse, String database,
            String schema, Optional<String> privateKeyPem, Optional<String> privateKeyPassphrase,
            Optional<String> password) {

        public Credentials {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(user, "user");
            if (privateKeyPem.isEmpty() && password.isEmpty()) {
                throw new IllegalArgumentException("Snowflake needs an ssh_key (key-pair authentication) or a password");
            }
        }

        /** The JDBC URL of the account. */
        public String jdbcUrl() {
            String host = account.toLowerCase(Locale.ROOT).endsWith(".snowflakecomputing.com") ? account
                    : account + ".snowflakecomputing.com";
            return "jdbc:snowflake://" + host + "/";
        }

        @Override
        public String toString() {
            return "Credentials[account=" + account + ", user=" + user + ", role=" + role + ", warehouse=" + warehouse
                    + ", database=" + database + ", schema=" + schema + ", auth="
                    + (privateKeyPem.isPresent() ? "key pair" : "password") + "]";
        }
    }

    private final Credentials credentials;
    private final Properties properties;

    public SnowflakeSink(Credentials credentials) {
        super(new SnowflakeDialect(), "snowflake " + credentials.account() + "/" + credentials.database() + "."
                + credentials.schema());
        this.credentials = credentials;
        this.properties = connectionProperties(credentials);
        try {
            connection();
        } catch (SQLException e) {
            throw new WarehouseException("Cannot connect to " + description() + ": " + e.getMessage()
                    + driverHint(e), e);
        }
    }

    /** The driver's connection properties: identity, context, authentication and session settings. */
    static Properties connectionProperties(Credentials credentials) {
        Properties p = new Properties();
        p.setProperty("user", credentials.user());
        setIfPresent(p, "role", credentials.role());
        setIfPresent(p, "warehouse", credentials.warehouse());
        setIfPresent(p, "db", credentials.database());
        setIfPresent(p, "schema", credentials.schema());
        if (credentials.privateKeyPem().isPresent()) {
            // a PrivateKey object selects key-pair (JWT) authentication
            p.put("privateKey", PemPrivateKeys.parse(credentials.privateKeyPem().get(),
                    credentials.privateKeyPassphrase().orElse(null)));
        } else {
            p.setProperty("password", credentials.password().orElseThrow());
        }
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        p.setProperty("TIMEZONE", "UTC");
        // the loader may sit idle for hours between extracts; keep the session instead of failing the next batch
        p.setProperty("CLIENT_SESSION_KEEP_ALIVE", "true");
        p.setProperty("application", "amiconnect");
        return p;
    }

    private static void setIfPresent(Properties p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.setProperty(key, value);
        }
    }

    public Credentials credentials() {
        return credentials;
    }

    @Override
    protected Connection openConnection() throws SQLException {
        Connection c = DriverManager.getConnection(credentials.jdbcUrl(), properties);
        try (Statement s = c.createStatement()) {
            s.execute("ALTER SESSION SET TIMEZONE = 'UTC'");
        }
        c.setAutoCommit(false);
        return c;
    }

    private static String driverHint(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("No suitable driver")
                ? " (the Snowflake JDBC driver net.snowflake:snowflake-jdbc is not on the classpath; see"
                        + " docs/warehouse.md)"
                : "";
    }

    @Override
    protected void bindTimestamp(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setLong(index, Micros.of(instant));
    }

    @Override
    protected void stage(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        stageWithBatchedInserts(connection, table, rows, STAGE_CHUNK);
    }

    @Override
    protected int stagedTimestampSqlType() {
        return Types.BIGINT;
    }

    @Override
    protected void bindStagedTimestamp(PreparedStatement ps, int index, long micros) throws SQLException {
        // staged as epoch microseconds; the merge converts them (SnowflakeDialect)
        ps.setLong(index, micros);
    }

    /** Sink type {@code snowflake}: account, identity and context from secrets.yaml {@code sinks.<id>}. */
    public static final class Provider implements WarehouseProvider {

        @Override
        public SqlDialect dialect() {
            return new SnowflakeDialect();
        }

        @Override
        public WarehouseSink open(SinkConfig sink) {
            return new SnowflakeSink(WarehouseSinks.snowflakeCredentials(sink));
        }
    }
}
