package org.amiconnect.core.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a consumer group has processed every committed record of some topics.
 *
 * <p>Comparing committed offsets with end offsets is not enough on transactional topics: the end offset counts commit
 * markers and aborted records that a consumer never hands out, so a group that has processed everything can still
 * look one offset behind. Where the committed offset is short of the end, this reads the gap with a
 * {@code read_committed} consumer and reports lag only if a real record is in it. And right after a producer's commit
 * returns, its records are not visible until the coordinator has written the markers: a group is caught up only when
 * no transaction on the topics is undecided ({@link #settled}), and a follower that knows how far a producer wrote
 * waits until it is {@link #visible}.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    public ConsumerGroupLag(KafkaClients clients) {
        this.admin = Admin.create(clients.admin("amiconnect-lag"));
        Map<String, Object> props = clients.consumer("amiconnect-lag-probe", null);
        props.put("max.poll.records", 1);
        this.probe = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * True when {@code group} has committed past every committed record of {@code topics}, and no transaction on them
     * is undecided. Without the second condition, records whose transaction has just committed but whose markers are
     * not written yet would be invisible to the check, and a group that has not seen them would look caught up.
     */
    public boolean caughtUp(String group, Collection<String> topics) {
        if (!settled(topics)) {
            return false;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            List<TopicPartition> partitions = partitions(topics);
            probe.assign(partitions);
            Map<TopicPartition, Long> ends = probe.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                long end = ends.getOrDefault(tp, 0L);
                OffsetAndMetadata c = committed.get(tp);
                long start = c == null ? beginning(tp) : c.offset();
                if (start < end && hasRecordBetween(tp, start, end)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * True when a {@code read_committed} consumer sees every partition of {@code ends} up to its offset: the
     * transactions that wrote the records before it are decided (their commit markers written). Right after a
     * producer's commit returns this may still be false for a moment.
     */
    public boolean visible(Map<TopicPartition, Long> ends) {
        if (ends.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> committedEnds = probe.endOffsets(ends.keySet(), Duration.ofSeconds(30));
        return ends.entrySet().stream().allMatch(e -> committedEnds.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** True when {@code group} has committed at least the offset of every partition of {@code ends}. */
    public boolean reached(String group, Map<TopicPartition, Long> ends) {
        if (ends.isEmpty()) {
            return true;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * True when no partition of {@code topics} has an undecided transaction: the {@code read_committed} end equals the
     * log end. A consumer group that reaches the end of settled topics has seen everything written to them so far,
     * including records of a transaction whose offsets were committed a moment before its markers were written.
     */
    public boolean settled(Collection<String> topics) {
        try {
            List<TopicPartition> partitions = partitions(topics);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var logEnds = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(30, TimeUnit.SECONDS);
            var committedEnds = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(30, TimeUnit.SECONDS);
            return partitions.stream().allMatch(tp -> committedEnds.get(tp).offset() >= logEnds.get(tp).offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private long beginning(TopicPartition tp) {
        return probe.beginningOffsets(List.of(tp), Duration.ofSeconds(30)).getOrDefault(tp, 0L);
    }

    private boolean hasRecordBetween(TopicPartition tp, long start, long end) {
        probe.assign(List.of(tp));
        probe.seek(tp, start);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probe.position(tp) < end && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = probe.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return true;
            }
        }
        return probe.position(tp) < end;
    }

    private List<TopicPartition> partitions(Collection<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        List<TopicPartition> out = new ArrayList<>();
        descriptions.forEach((name, d) -> d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
