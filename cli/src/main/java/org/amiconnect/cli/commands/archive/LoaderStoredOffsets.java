package org.amiconnect.cli.commands.archive;

import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.archiver.replay.StoredOffsets;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.WarehouseException;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a loader stores in its warehouse ({@code ami_consumer_offsets}), read and written through the loader's
 * own sink, so every sink type (DuckDB, PostgreSQL, Snowflake) is rewound with the SQL the loader itself uses. New
 * offsets are written as a batch without rows: one warehouse transaction, as a loader batch.
 */
public final class LoaderStoredOffsets implements StoredOffsets {

    private static final String LOADER_GROUP = "amiconnect-loader.";

    private final WarehouseSink warehouse;

    private LoaderStoredOffsets(WarehouseSink warehouse) {
        this.warehouse = warehouse;
    }

    /** The sink id of a loader consumer group ({@code <prefix>amiconnect-loader.<sink id>}), or empty. */
    public static Optional<String> loaderSinkId(String group, Topics topics) {
        String prefix = topics.prefix() + LOADER_GROUP;
        return group.startsWith(prefix) && group.length() > prefix.length()
                ? Optional.of(group.substring(prefix.length())) : Optional.empty();
    }

    /**
     * The warehouse of a sink, or empty when a DuckDB file does not exist yet (its loader never ran and starts from
     * the beginning anyway).
     *
     * @throws IllegalStateException when the warehouse cannot be opened, e.g. a DuckDB file a running loader holds
     */
    public static Optional<LoaderStoredOffsets> open(SinkConfig sink) {
        if (sink.type().equals("duckdb") && !Files.exists(sink.path())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LoaderStoredOffsets(WarehouseSinks.open(sink)));
        } catch (WarehouseException e) {
            String message = String.valueOf(e.getMessage());
            String hint = message.toLowerCase(Locale.ROOT).contains("lock")
                    ? " (is a loader or `amiconnect run` still using it? stop it first)" : "";
            throw new IllegalStateException("Cannot open the warehouse of sink " + sink.id() + ": " + message + hint, e);
        }
    }

    @Override
    public String description() {
        return warehouse.description();
    }

    @Override
    public Map<TopicPartition, Long> stored(String group) {
        return warehouse.storedOffsets(group);
    }

    @Override
    public void store(String group, Map<TopicPartition, Long> offsets) {
        Batch batch = new Batch(group);
        offsets.forEach(batch::advance);
        warehouse.writeBatch(batch);
    }

    @Override
    public void close() {
        warehouse.close();
    }
}
