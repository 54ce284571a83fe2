package org.amiconnect.loader;

import static org.amiconnect.loader.TestRecords.BEACON_READS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a loader does to the warehouse when it is created, before it reads anything (no broker needed). */
class LoaderServiceTablesTest {

    @TempDir
    Path dir;

    private AmiConnectConfig config(String loaderAndSinkKeys) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrap-servers: 127.0.0.1:9
                %s
                sources:
                  - type: beacon_360
                    org_id: utility_a
                """.formatted(loaderAndSinkKeys.formatted(dir.resolve("ami.duckdb"))));
        Files.writeString(dir.resolve("secrets.yaml"), "sources:\n  utility_a: {user: u, password: p}\n");
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(file, Optional.empty());
    }

    private List<String> tables() throws Exception {
        try (Warehouse w = new Warehouse(dir.resolve("ami.duckdb"))) {
            return w.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                    + " ORDER BY table_name").stream().map(r -> (String) r.get("table_name")).toList();
        }
    }

    private LoaderService loader(AmiConnectConfig config) {
        return new LoaderService(config, config.sinks().get(0), new KafkaClients(config.kafka()),
                new Topics(""), new InMemorySchemaRegistry(), List.of(BEACON_READS));
    }

    @Test
    void createsEveryMissingTableWhenAllowed() throws Exception {
        AmiConnectConfig config = config("""
                sinks:
                  - {id: w, type: duckdb, path: "%s"}
                """);
        loader(config).close();

        assertThat(tables()).containsExactly("ami_consumer_offsets", "ami_load_events", "ami_run_loads",
                "beacon_360_base", "meters", "readings");
    }

    @Test
    void createsNoTableWhenCreateTablesIsOff() throws Exception {
        AmiConnectConfig config = config("""
                loader:
                  create-tables: false
                sinks:
                  - {id: w, type: duckdb, path: "%s"}
                """);
        assertThat(config.loader().createTables()).isFalse();
        loader(config).close();

        assertThat(tables()).isEmpty();
    }

    @Test
    void rejectsAnUnknownCheckNameBeforeOpeningAnyClient() throws Exception {
        AmiConnectConfig config = config("""
                sinks:
                  - {id: w, type: duckdb, path: "%s", checks: [meters-unique]}
                """);

        assertThatThrownBy(() -> loader(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'meters-unique' is not a data-quality check; known: meters-unique-by-device-id");
    }

    @Test
    void schedulesTheChecksUnlessTheScheduleIsOff() throws Exception {
        AmiConnectConfig daily = config("""
                sinks:
                  - {id: w, type: duckdb, path: "%s"}
                """);
        try (LoaderService loader = loader(daily)) {
            assertThat(loader.checkScheduler()).isPresent();
        }
        AmiConnectConfig off = config("""
                sinks:
                  - {id: w, type: duckdb, path: "%s", checks-schedule: "off"}
                """);
        try (LoaderService loader = loader(off)) {
            assertThat(loader.checkScheduler()).isEmpty();
        }
    }
}
