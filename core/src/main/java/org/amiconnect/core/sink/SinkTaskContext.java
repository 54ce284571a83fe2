package org.amiconnect.core.sink;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link SinkLoop} offers the task it runs (Kafka Connect's {@code SinkTaskContext}). Use it on the loop's
 * thread only, from the task's methods.
 */
public interface SinkTaskContext {

    /** The partitions assigned now. */
    Set<TopicPartition> assignment();

    /**
     * The offset of the next record the consumer fetches from an assigned partition: after every record of the last
     * poll, and past transaction markers and aborted records that follow them.
     */
    long position(TopicPartition partition);

    /**
     * The offsets committed to Kafka for the consumer group: the next offset to read, for those of {@code partitions}
     * that have one.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot answer
     */
    Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions);

    /**
     * Commits next offsets (the offset after the last record written) to Kafka for the consumer group, and waits for
     * it.
     *
     * @throws org.apache.kafka.common.KafkaException when the commit fails
     */
    void commit(Map<TopicPartition, Long> offsets);

    /**
     * Tells the loop that a write and its offsets reached the task's store: the loop is healthy again, and its next
     * failure waits the shortest retry delay.
     */
    void written();
}
