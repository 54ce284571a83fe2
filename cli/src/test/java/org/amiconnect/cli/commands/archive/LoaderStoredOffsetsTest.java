package org.amiconnect.cli.commands.archive;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.cli.commands.archive.LoaderStoredOffsets;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loader's offsets in a real DuckDB warehouse, through the loader's own sink. */
class LoaderStoredOffsetsTest {

    private static final String GROUP = "prod.amiconnect-loader.local";
    private static final TopicPartition READS_0 = new TopicPartition("prod.ami.meter-reads", 0);
    private static final TopicPartition READS_1 = new TopicPartition("prod.ami.meter-reads", 1);

    @TempDir
    Path dir;

    private SinkConfig sink(Path file) {
        return new SinkConfig("local", "duckdb", file, Optional.empty(), List.of(), Map.of());
    }

    @Test
    void recognisesLoaderGroupsByTheirName() {
        Topics topics = new Topics("prod.");

        assertThat(LoaderStoredOffsets.loaderSinkId(GROUP, topics)).contains("local");
        assertThat(LoaderStoredOffsets.loaderSinkId("prod.amiconnect-transformer", topics)).isEmpty();
        assertThat(LoaderStoredOffsets.loaderSinkId("amiconnect-loader.local", topics)).as("another prefix")
                .isEmpty();
    }

    @Test
    void movesTheStoredOffsetsOfOneGroupBackAndAddsMissingPartitions() {
        Path file = dir.resolve("warehouse.duckdb");
        try (WarehouseSink warehouse = WarehouseSinks.open(sink(file))) {
            warehouse.createTables(List.of());
        }
        try (LoaderStoredOffsets offsets = LoaderStoredOffsets.open(sink(file)).orElseThrow()) {
            offsets.store(GROUP, Map.of(READS_0, 120L));
            offsets.store("other-group", Map.of(READS_0, 999L));

            offsets.store(GROUP, Map.of(READS_0, 40L, READS_1, 7L));

            assertThat(offsets.description()).contains(file.toString());
            assertThat(offsets.stored(GROUP)).isEqualTo(Map.of(READS_0, 40L, READS_1, 7L));
            assertThat(offsets.stored("other-group")).isEqualTo(Map.of(READS_0, 999L));
        }
    }

    @Test
    void aDuckDbFileThatDoesNotExistYetIsNotCreated() {
        Path file = dir.resolve("never-loaded.duckdb");

        assertThat(LoaderStoredOffsets.open(sink(file))).isEmpty();
        assertThat(file).doesNotExist();
    }
}
