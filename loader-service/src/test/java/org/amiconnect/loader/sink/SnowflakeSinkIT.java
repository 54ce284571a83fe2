package org.amiconnect.loader.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink contract against a real Snowflake account, each test in a scratch schema that is dropped afterwards. Runs
 * only when credentials are in the environment (which also activates the Maven profile that puts the driver on the
 * test classpath); otherwise every test is skipped with a notice:
 * <ul>
 *   <li>{@code AMI_CONNECT_TEST_SNOWFLAKE_ACCOUNT}, {@code _USER}, {@code _WAREHOUSE}, {@code _DATABASE}, optional
 *       {@code _ROLE};</li>
 *   <li>{@code AMI_CONNECT_TEST_SNOWFLAKE_PRIVATE_KEY_FILE} (PKCS#8 PEM, optional {@code _PRIVATE_KEY_PASSPHRASE}) or
 *       {@code AMI_CONNECT_TEST_SNOWFLAKE_PASSWORD}.</li>
 * </ul>
 * The role needs CREATE SCHEMA on the database.
 */
class SnowflakeSinkIT extends WarehouseSinkContract {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeSinkIT.class);
    private static final String PREFIX = "AMI_CONNECT_TEST_SNOWFLAKE_";

    private final String schema = "LOADER_IT_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    private SnowflakeSink.Credentials credentials;

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(PREFIX + name)).filter(v -> !v.isBlank());
    }

    @BeforeAll
    static void requireCredentials() {
        boolean configured = env("ACCOUNT").isPresent() && env("USER").isPresent() && env("WAREHOUSE").isPresent()
                && env("DATABASE").isPresent()
                && (env("PRIVATE_KEY_FILE").isPresent() || env("PASSWORD").isPresent());
        if (!configured) {
            String notice = "SnowflakeSinkIT skipped: no Snowflake credentials in the environment (set " + PREFIX
                    + "ACCOUNT, _USER, _WAREHOUSE, _DATABASE and _PRIVATE_KEY_FILE or _PASSWORD)";
            log.warn(notice);
            System.err.println(notice);
        }
        Assumptions.assumeTrue(configured, "no Snowflake credentials in the environment");
    }

    private SnowflakeSink.Credentials credentials(String inSchema) throws Exception {
        Optional<String> key = env("PRIVATE_KEY_FILE").map(f -> {
            try {
                return Files.readString(Path.of(f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new SnowflakeSink.Credentials(env("ACCOUNT").get(), env("USER").get(), env("ROLE").orElse(null),
                env("WAREHOUSE").get(), env("DATABASE").get(), inSchema, key, env("PRIVATE_KEY_PASSPHRASE"),
                env("PASSWORD"));
    }

    private Connection connect(SnowflakeSink.Credentials c) throws Exception {
        Properties p = SnowflakeSink.connectionProperties(c);
        Connection connection = DriverManager.getConnection(c.jdbcUrl(), p);
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER SESSION SET TIMEZONE = 'UTC'");
        }
        return connection;
    }

    @Override
    WarehouseSink openSink() throws Exception {
        try (Connection c = connect(credentials(null)); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        credentials = credentials(schema);
        return new SnowflakeSink(credentials);
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(connect(credentials));
    }

    @Override
    String epochMicros(String column) {
        return "DATE_PART(EPOCH_MICROSECOND, " + column + ")";
    }

    @Override
    Optional<String> timestampAsText(Instant instant) {
        // VARCHAR of a TIMESTAMP_TZ follows the account's TIMESTAMP_OUTPUT_FORMAT
        return Optional.empty();
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (credentials != null) {
            try (Connection c = connect(credentials(null)); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
