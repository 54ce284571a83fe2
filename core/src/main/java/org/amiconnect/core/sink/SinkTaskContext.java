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
     * The committed offsets with the topic id each was committed for ({@link #commit} stores it in the commit's
     * metadata); a null topic id for offsets committed without one.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot answer
     */
    Map<TopicPartition, StoredOffset> committedPositions(Collection<TopicPartition> partitions);

    /**
     * The Kafka topic id of an assigned topic (base64), as looked up when its partitions were last positioned, or
     * null when the cluster has none (very old brokers). It changes when a topic is deleted and created again.
     *
     * @throws org.apache.kafka.common.KafkaException when the topic cannot be described
     */
    String topicId(String topic);

    /**
     * Commits next offsets (the offset after the last record written) to Kafka for the consumer group, and waits for
     * it. Each offset is committed with its topic's id as metadata.
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
