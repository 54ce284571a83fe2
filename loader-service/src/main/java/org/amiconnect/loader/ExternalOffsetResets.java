package org.amiconnect.loader;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.amiconnect.core.sink.StoredOffset;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds the loader offsets an operator reset with Kafka's own tools ({@code kafka-consumer-groups --reset-offsets
 * --execute}) while the loader was stopped.
 *
 * <p>The loader commits every offset to Kafka after storing it in the warehouse, with commit metadata naming the
 * topic id ({@code topic-id=…}). A committed offset WITHOUT that metadata that differs from the warehouse's was written
 * by another tool: it is a reset, and it wins. A committed offset with the metadata that differs from the warehouse's
 * is the loader's own, left behind by a crash between the two commits: the warehouse wins. {@code amiconnect replay
 * offsets} writes both places, so they agree. A commit without the metadata that a release before this rule wrote
 * after a crash between the two commits is taken as a reset too: that re-reads one batch, and loads are idempotent.
 */
final class ExternalOffsetResets {

    private ExternalOffsetResets() {
    }

    /**
     * @param partitions the partitions being positioned
     * @param inWarehouse the offsets stored in the warehouse
     * @param committed the group's committed Kafka offsets (topic id null when the commit carries none)
     * @return the next offset to read per partition whose Kafka offset was reset by another tool
     */
    static Map<TopicPartition, Long> find(Collection<TopicPartition> partitions,
            Map<TopicPartition, StoredOffset> inWarehouse, Map<TopicPartition, StoredOffset> committed) {
        Map<TopicPartition, Long> resets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            StoredOffset kafka = committed.get(tp);
            if (kafka == null || kafka.topicId() != null) {
                continue;
            }
            StoredOffset stored = inWarehouse.get(tp);
            // nothing stored reads from the beginning anyway: a reset to 0 there (an empty partition) changes nothing
            boolean differs = stored == null ? kafka.nextOffset() > 0 : stored.nextOffset() != kafka.nextOffset();
            if (differs) {
                resets.put(tp, kafka.nextOffset());
            }
        }
        return resets;
    }
}
