package org.amiconnect.loader;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a loader does to the warehouse when it is created, before it reads anything (no broker needed). */
class LoaderServiceTablesTest {

    @TempDir
    Path dir;

    /** A DuckDB sink {@code w} with more sink keys as name-value pairs. */
    private ConfigFiles files(Object... sinkKeys) {
        return ConfigFiles.in(dir).set("kafka.bootstrap-servers", "127.0.0.1:9").beacon360("utility_a", "u", "p")
                .duckdbSink("w", dir.resolve("ami.duckdb"), sinkKeys);
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
        AmiConnectConfig config = files().load();
        loader(config).close();

        assertThat(tables()).containsExactly("ami_consumer_offsets", "ami_load_events", "ami_run_loads",
                "beacon_360_base", "meters", "readings");
    }

    @Test
    void createsNoTableWhenCreateTablesIsOff() throws Exception {
        AmiConnectConfig config = files().set("loader.create-tables", false).load();
        assertThat(config.loader().createTables()).isFalse();
        loader(config).close();

        assertThat(tables()).isEmpty();
    }

    @Test
    void rejectsAnUnknownCheckNameBeforeOpeningAnyClient() throws Exception {
        AmiConnectConfig config = files("checks", List.of("meters-unique")).load();

        assertThatThrownBy(() -> loader(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'meters-unique' is not a data-quality check; known: meters-unique-by-device-id");
    }

    @Test
    void schedulesTheChecksUnlessTheScheduleIsOff() throws Exception {
        AmiConnectConfig daily = files().load();
        try (LoaderService loader = loader(daily)) {
            assertThat(loader.checkScheduler()).isPresent();
        }
        AmiConnectConfig off = files("checks-schedule", "off").load();
        try (LoaderService loader = loader(off)) {
            assertThat(loader.checkScheduler()).isEmpty();
        }
    }
}
