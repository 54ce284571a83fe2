package org.amiconnect.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the status needs from the cluster with the Admin client and a group-less consumer: the lag of each
 * service's consumer group, and the dead letters of the last 24 hours (read from {@code ami.dlq} from the offset of
 * that time on, counted per org and per reason).
 */
public final class ClusterFacts {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClusterFacts() {
    }

    /**
     * Per group, the end offset minus the committed offset summed over the partitions the group has committed.
     *
     * @param groups service name (e.g. {@code transformer}) to consumer group id
     * @return service name to records behind; a group that has committed nothing is absent
     */
    public static Map<String, Long> lag(Admin admin, Map<String, String> groups) throws InterruptedException,
            ExecutionException, TimeoutException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> g : groups.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getValue())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            committed.values().removeIf(java.util.Objects::isNull);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long lag = 0;
            for (var e : committed.entrySet()) {
                var end = ends.get(e.getKey());
                if (end != null) {
                    lag += Math.max(0, end.offset() - e.getValue().offset());
                }
            }
            out.put(g.getKey(), lag);
        }
        return out;
    }

    /** Dead letters since an instant, counted three ways. */
    public record DeadLetterCounts(Map<String, Long> byOrg, Map<String, Long> byReason,
            Map<String, Long> byOrgSinceRecent) {
    }

    /**
     * Reads {@code topic} from the first record at or after {@code since} to its end ({@code read_committed}).
     *
     * @param recentSince records failed at or after this count also in {@link DeadLetterCounts#byOrgSinceRecent}
     */
    public static DeadLetterCounts deadLetters(KafkaClients clients, Admin admin, SchemaRegistry registry, String topic,
            Instant since, Instant recentSince) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        d.get(topic).partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        Map<String, Long> byOrg = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> recent = new TreeMap<>();
        AvroDeserializer<DeadLetter> values = new AvroDeserializer<>(registry, DeadLetter.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clients.consumer("amiconnect-status-dlq",
                null), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, TIMEOUT);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                long from = start == null ? ends.get(tp) : start.offset();
                consumer.seek(tp, from);
                if (from < ends.get(tp)) {
                    pending.add(tp);
                }
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count(r, values, since, recentSince, byOrg, byReason, recent);
                }
                pending.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
            if (!pending.isEmpty()) {
                throw new TimeoutException("reading " + topic + " to its end took longer than " + TIMEOUT);
            }
        }
        return new DeadLetterCounts(byOrg, byReason, recent);
    }

    private static void count(ConsumerRecord<String, byte[]> r, AvroDeserializer<DeadLetter> values, Instant since,
            Instant recentSince, Map<String, Long> byOrg, Map<String, Long> byReason, Map<String, Long> recent) {
        if (r.value() == null) {
            return;
        }
        String org;
        String reason;
        Instant failedAt;
        try {
            DeadLetter dl = values.deserialize(r.topic(), r.value());
            org = dl.getOrgId() != null ? dl.getOrgId() : r.key() == null ? "unknown" : RecordKeys.orgOf(r.key());
            reason = dl.getStage() + ": " + dl.getErrorClass();
            failedAt = dl.getFailedAt();
        } catch (RuntimeException e) {
            org = r.key() == null ? "unknown" : RecordKeys.orgOf(r.key());
            reason = "unreadable dead letter";
            failedAt = Instant.ofEpochMilli(r.timestamp());
        }
        if (failedAt.isBefore(since)) {
            return;
        }
        byOrg.merge(org, 1L, Long::sum);
        byReason.merge(reason, 1L, Long::sum);
        if (!failedAt.isBefore(recentSince)) {
            recent.merge(org, 1L, Long::sum);
        }
    }
}
