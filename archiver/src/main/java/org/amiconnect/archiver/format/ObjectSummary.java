package org.amiconnect.archiver.format;

import java.util.Optional;

/**
 * What an archive object holds, as its metadata states it: enough to decide object boundaries without reading records.
 *
 * @param topicId the Kafka topic id of the topic the records were read from; it tells a topic from a later topic of
 *     the same name (deleted and created again), whose offsets start over
 */
public record ObjectSummary(String topic, int partition, long firstOffset, long lastOffset, long recordCount,
        Optional<String> topicId) {

    /** Without a topic id. */
    public ObjectSummary(String topic, int partition, long firstOffset, long lastOffset, long recordCount) {
        this(topic, partition, firstOffset, lastOffset, recordCount, Optional.empty());
    }
}
