package org.amiconnect.archiver.replay;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Offsets a consumer keeps outside Kafka and trusts over Kafka's committed offsets, such as the loader's offsets
 * stored in its warehouse with each batch. An offset reset moves them together with the group's offsets in Kafka.
 */
public interface StoredOffsets extends AutoCloseable {

    /** Names where the offsets are kept, for the plan, e.g. {@code duckdb /srv/ami/warehouse.duckdb}. */
    String description();

    /** The next offset to read per partition, as stored for the group. */
    Map<TopicPartition, Long> stored(String group);

    /** Stores new offsets for the group in one transaction, adding partitions that have none. */
    void store(String group, Map<TopicPartition, Long> offsets);

    @Override
    void close();
}
