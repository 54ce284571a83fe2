package org.amiconnect.loader.sink;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.sink.StoredOffset;
import org.apache.kafka.common.TopicPartition;

/**
 * A warehouse the loader writes to. A batch is written in one transaction together with the offsets it was consumed
 * up to, so that after a crash the loader resumes exactly where the warehouse says it stopped.
 *
 * <p>Not thread-safe: one loader thread uses a sink.
 */
public interface WarehouseSink extends AutoCloseable {

    /** Names the sink in log and error messages, e.g. {@code duckdb /data/warehouse.duckdb}. */
    String description();

    SqlDialect dialect();

    /**
     * Creates missing tables, and adds columns that a raw table lacks because its record gained fields since the
     * table was created.
     */
    void createTables(List<RawTable> rawTables);

    /** The next offset to read per partition, as stored by the last batch of the consumer group. */
    default Map<TopicPartition, Long> storedOffsets(String consumerGroup) {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        storedPositions(consumerGroup).forEach((tp, stored) -> offsets.put(tp, stored.nextOffset()));
        return offsets;
    }

    /**
     * The next offset to read per partition, with the Kafka topic id it belongs to (null when it was stored without
     * one: by an older release, or by {@code replay offsets}).
     */
    Map<TopicPartition, StoredOffset> storedPositions(String consumerGroup);

    /**
     * Writes the batch, its offsets and its extract-run counts in one transaction.
     *
     * @throws WarehouseException when anything fails; nothing of the batch is then stored
     */
    BatchResult writeBatch(Batch batch);

    /** What the consumer group has loaded of these extract runs, per run and partition. */
    List<RunLoad> runLoads(String consumerGroup, Collection<String> runIds);

    /** The runs whose load-finished event the consumer group has published. */
    Set<String> loadEventsPublished(String consumerGroup);

    /** Records that the consumer group published the load-finished event of a run (once; repeats are ignored). */
    void loadEventPublished(String consumerGroup, String runId, Instant at);

    /**
     * Runs a read-only query in its own transaction.
     *
     * @throws WarehouseException naming {@code what} when it fails
     */
    <T> T read(String what, WarehouseQuery<T> query);

    /**
     * Refreshes the read-only snapshot of the warehouse that other processes may open while this one writes
     * (DuckDB locks its file for one process); nothing for warehouses that serve several clients themselves.
     *
     * @throws WarehouseException when the snapshot cannot be written
     */
    default void refreshSnapshot() {
    }

    /** The DDL of every table, as {@code amiconnect sql ddl} prints it. */
    default String ddl(List<RawEntity> rawEntities) {
        return dialect().ddl(rawEntities);
    }

    @Override
    void close();
}
