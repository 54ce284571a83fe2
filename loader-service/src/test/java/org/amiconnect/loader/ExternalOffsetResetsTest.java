package org.amiconnect.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.amiconnect.core.sink.StoredOffset;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ExternalOffsetResetsTest {

    private static final TopicPartition P0 = new TopicPartition("ami.meter-reads", 0);
    private static final TopicPartition P1 = new TopicPartition("ami.meter-reads", 1);

    @Test
    void aCommitWithoutTheLoadersMetadataThatDiffersFromTheWarehouseIsAReset() {
        Map<TopicPartition, Long> resets = ExternalOffsetResets.find(List.of(P0),
                Map.of(P0, new StoredOffset(25, "id-a")), Map.of(P0, new StoredOffset(36, null)));

        assertThat(resets).containsExactly(Map.entry(P0, 36L));
    }

    @Test
    void theLoadersOwnCommitBehindTheWarehouseAfterACrashIsNoReset() {
        Map<TopicPartition, Long> resets = ExternalOffsetResets.find(List.of(P0),
                Map.of(P0, new StoredOffset(25, "id-a")), Map.of(P0, new StoredOffset(20, "id-a")));

        assertThat(resets).isEmpty();
    }

    @Test
    void aPlainCommitEqualToTheWarehouseOrToZeroWhereNothingIsStoredChangesNothing() {
        Map<TopicPartition, Long> resets = ExternalOffsetResets.find(List.of(P0, P1),
                Map.of(P0, new StoredOffset(25, null)),
                Map.of(P0, new StoredOffset(25, null), P1, new StoredOffset(0, null)));

        assertThat(resets).isEmpty();
    }
}
