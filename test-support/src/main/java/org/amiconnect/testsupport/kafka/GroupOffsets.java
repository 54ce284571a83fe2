package org.amiconnect.testsupport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Where topics end and where a consumer group stands, as an operator's admin client sees it. */
public final class GroupOffsets {

    private GroupOffsets() {
    }

    /**
     * The offsets {@code group} has committed in Kafka, by partition (partitions without a commit left out).
     *
     * @throws IllegalStateException when the cluster does not answer within 30 s
     */
    public static Map<TopicPartition, Long> committed(Admin admin, String group) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        get(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                .forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
        return committed;
    }

    /**
     * The end offsets of partitions {@code 0..partitions-1} of each topic, leaving out empty partitions (end 0).
     *
     * @throws IllegalStateException when the cluster does not answer within 30 s
     */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(() -> admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)).forEach((tp, info) -> {
            if (info.offset() > 0) {
                ends.put(tp, info.offset());
            }
        });
        return ends;
    }

    /**
     * Returns once {@code group} has consumed every record of {@code topics} ({@link ConsumerGroupLag#caughtUp}),
     * asking every 200 ms.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when it has not within {@code within}
     */
    public static void awaitCaughtUp(KafkaClients clients, String group, List<String> topics, Duration within) {
        try (ConsumerGroupLag lag = new ConsumerGroupLag(clients)) {
            Awaitility.await("group " + group + " caught up on " + topics).atMost(within)
                    .pollInterval(Duration.ofMillis(200)).until(() -> lag.caughtUp(group, topics));
        }
    }

    private interface Call<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer", e);
        }
    }
}
