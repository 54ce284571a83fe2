package org.amiconnect.core.sink;

/**
 * Where a sink stored that it stopped reading a partition: the next offset to read, and the Kafka topic id of the
 * topic that offset belongs to. A topic deleted and created again (or a wiped broker, or a new cluster) keeps its
 * name but gets a new topic id, and its offsets start again at 0, so an offset is only meaningful with its topic id.
 *
 * @param nextOffset the offset of the next record to read
 * @param topicId the topic id (Kafka's base64 form) when it was stored with the offset; null for offsets stored by an
 *     older release or set by an operator ({@code replay offsets}), which are trusted as they are
 */
public record StoredOffset(long nextOffset, String topicId) {

    /** The prefix of Kafka commit metadata that carries a topic id. */
    static final String METADATA_PREFIX = "topic-id=";

    /** The commit metadata for an offset of the topic with this id (empty when the id is unknown). */
    static String metadata(String topicId) {
        return topicId == null ? "" : METADATA_PREFIX + topicId;
    }

    /** An offset committed to Kafka with the metadata {@link #metadata} wrote, or other metadata (no topic id). */
    static StoredOffset fromCommit(long offset, String metadata) {
        String id = metadata != null && metadata.startsWith(METADATA_PREFIX)
                ? metadata.substring(METADATA_PREFIX.length()) : null;
        return new StoredOffset(offset, id == null || id.isEmpty() ? null : id);
    }

    /** True when the offset was stored for another incarnation of the topic than the one with {@code currentId}. */
    public boolean belongsToAnotherTopic(String currentId) {
        return topicId != null && currentId != null && !topicId.equals(currentId);
    }
}
