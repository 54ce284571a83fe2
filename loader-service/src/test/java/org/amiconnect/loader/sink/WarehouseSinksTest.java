package org.amiconnect.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.SinkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warehouses and dialects are found through the providers on the class path, by sink type. */
class WarehouseSinksTest {

    @Test
    void everySinkTypeHasAProviderWhoseDialectIsOfThatType() {
        assertThat(WarehouseSinks.sinkTypes()).containsExactly("duckdb", "postgresql", "snowflake");
        assertThat(WarehouseSinks.dialect("duckdb")).isInstanceOf(DuckDbDialect.class);
        assertThat(WarehouseSinks.dialect("PostgreSQL")).isInstanceOf(PostgresDialect.class);
        assertThat(WarehouseSinks.dialect("snowflake")).isInstanceOf(SnowflakeDialect.class);
        for (String type : WarehouseSinks.sinkTypes()) {
            assertThat(WarehouseSinks.dialect(type).sinkType()).isEqualTo(type);
        }
    }

    @Test
    void namesTheSupportedTypesWhenATypeHasNoProvider() {
        assertThatThrownBy(() -> WarehouseSinks.dialect("bigquery")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No SQL dialect for sink type 'bigquery'; supported: duckdb, postgresql, snowflake");
        SinkConfig bigquery = new SinkConfig("bq", "bigquery", null, Optional.empty(), List.of(), Map.of());
        assertThatThrownBy(() -> WarehouseSinks.open(bigquery)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("sink bq: the loader cannot write to 'bigquery' sinks; supported: duckdb, postgresql, "
                        + "snowflake");
    }

    @Test
    void opensTheWarehouseOfASink(@TempDir Path dir) {
        SinkConfig duckdb = new SinkConfig("wh", "duckdb", dir.resolve("ami.duckdb"), Optional.empty(), List.of(),
                Map.of());
        try (WarehouseSink sink = WarehouseSinks.open(duckdb)) {
            assertThat(sink).isInstanceOf(DuckDbSink.class);
            assertThat(sink.description()).isEqualTo("duckdb " + dir.resolve("ami.duckdb").toAbsolutePath());
        }
        SinkConfig noUrl = new SinkConfig("pg", "postgresql", null, Optional.empty(), List.of(), Map.of());
        assertThatThrownBy(() -> WarehouseSinks.open(noUrl)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sink pg: a postgresql sink needs a url");
    }
}
