package org.amiconnect.extractor.runs;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.schemas.control.ExtractRun;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the raw records of finished runs are visible to {@code read_committed} consumers. A run's transaction
 * is committed when its producer's commit returns, but its records become visible only once the coordinator has
 * written the commit markers to each partition, a moment later (and the run topic's marker may come before a raw
 * partition's): a command that reports a run and exits waits for this, so whatever reads next sees the records.
 */
public final class RunVisibility {

    private RunVisibility() {
    }

    /**
     * @return true when every partition of the runs' {@code raw_end_offsets} is visible up to its offset within
     *     {@code timeout}
     */
    public static boolean await(KafkaClients clients, Collection<ExtractRun> runs, Duration timeout)
            throws InterruptedException {
        Map<TopicPartition, Long> ends = new HashMap<>();
        runs.forEach(r -> RunStates.endOffsets(r).forEach((tp, end) -> ends.merge(tp, end, Math::max)));
        if (ends.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ConsumerGroupLag lag = new ConsumerGroupLag(clients)) {
            while (!lag.visible(ends)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
        }
    }
}
