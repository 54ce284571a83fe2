package org.amiconnect.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredOffsetTest {

    @Test
    void anOffsetOfAnotherTopicIdBelongsToAnotherTopic() {
        StoredOffset stored = new StoredOffset(33, "u4NylhEaRZ2sQk1vJ1mR3w");

        assertThat(stored.belongsToAnotherTopic("4ef0s29IQ-6_xvQm1NwTQA")).isTrue();
        assertThat(stored.belongsToAnotherTopic("u4NylhEaRZ2sQk1vJ1mR3w")).isFalse();
        // an offset without a topic id, or a cluster without topic ids, is trusted as it is
        assertThat(new StoredOffset(33, null).belongsToAnotherTopic("4ef0s29IQ-6_xvQm1NwTQA")).isFalse();
        assertThat(stored.belongsToAnotherTopic(null)).isFalse();
    }

    @Test
    void theTopicIdTravelsInTheCommitMetadata() {
        String metadata = StoredOffset.metadata("u4NylhEaRZ2sQk1vJ1mR3w");

        assertThat(StoredOffset.fromCommit(12, metadata)).isEqualTo(new StoredOffset(12, "u4NylhEaRZ2sQk1vJ1mR3w"));
        assertThat(StoredOffset.fromCommit(12, "")).isEqualTo(new StoredOffset(12, null));
        assertThat(StoredOffset.fromCommit(12, "set by another tool")).isEqualTo(new StoredOffset(12, null));
        assertThat(StoredOffset.metadata(null)).isEmpty();
    }
}
