package org.amiconnect.loader.sink;

import static org.amiconnect.loader.TestRecords.BEACON_READS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink contract against the PostgreSQL server on 127.0.0.1:5432, each test in its own scratch schema. */
class PostgresSinkIT extends WarehouseSinkContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String schema = "loader_it_" + UUID.randomUUID().toString().replace("-", "");

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

    @Override
    String epochMicros(String column) {
        return "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000000 AS BIGINT)";
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void printsTheDdlWithNullSafeRawKeysAndOneCurrentMeterRow() {
        String ddl = new PostgresDialect().ddl(List.of(BEACON_READS));

        assertThat(ddl).contains("\"register_value\" DOUBLE PRECISION")
                .contains("CONSTRAINT \"beacon_360_base_key\" UNIQUE NULLS NOT DISTINCT (\"org_id\", \"device_id\", \"read_time\")")
                .contains("CREATE UNIQUE INDEX IF NOT EXISTS \"meters_current\" ON \"meters\" (\"org_id\", \"device_id\")"
                        + " WHERE \"row_active_until\" IS NULL");
    }
}
