package org.amiconnect.loader.checks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.amiconnect.loader.sink.PostgresSink;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.loader.sink.WarehouseSink;
import org.junit.jupiter.api.AfterEach;

/** The checks against the PostgreSQL server on 127.0.0.1:5432, each test in its own scratch schema. */
class PostgresChecksIT extends DataQualityChecksContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String schema = "checks_it_" + UUID.randomUUID().toString().replace("-", "");

    private String url() {
        return SERVER + "&currentSchema=" + schema;
    }

    @Override
    WarehouseSink openSink() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new PostgresSink(url(), null, null);
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(url());
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
