package org.amiconnect.archiver.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a consumer group's offsets, as {@code kafka-consumer-groups --reset-offsets} does: plan first (the dry run),
 * then execute only while the group has no active members. Offsets the group's consumer keeps elsewhere (a loader's,
 * in its warehouse) are moved too, before Kafka's, because that consumer trusts them over Kafka's.
 */
public final class OffsetReset implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OffsetReset.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final KafkaClients clients;

    public OffsetReset(KafkaClients clients) {
        this.clients = clients;
        this.admin = Admin.create(clients.admin("amiconnect-replay-offsets"));
    }

    /**
     * Plans the reset.
     *
     * @param topics the topics to reset; when empty, every topic the group has offsets for (in Kafka or the warehouse)
     * @param warehouse offsets the group's consumer keeps outside Kafka (a loader's warehouse), if any
     * @throws IllegalArgumentException when there is nothing to reset or a topic does not exist
     */
    public OffsetResetPlan plan(String group, ResetTarget target, Collection<String> topics,
            Optional<StoredOffsets> warehouse) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        Map<TopicPartition, Long> stored = warehouse.map(w -> w.stored(group)).orElse(Map.of());
        Set<String> scope = new TreeSet<>(topics);
        if (scope.isEmpty()) {
            committed.keySet().forEach(tp -> scope.add(tp.topic()));
            stored.keySet().forEach(tp -> scope.add(tp.topic()));
        }
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("Consumer group " + group + " has no committed offsets"
                    + (warehouse.isPresent() ? " and none stored in the warehouse" : "")
                    + "; name the topics to reset with --topic");
        }
        List<TopicPartition> partitions = partitions(scope);
        Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> byTime = target instanceof ResetTarget.ToDatetime d
                ? firstRecordsAtOrAfter(partitions, d.time().toEpochMilli(), latest) : Map.of();
        List<OffsetResetPlan.PartitionReset> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long low = earliest.get(tp);
            long high = latest.get(tp);
            long to = target.offset(low, high, byTime.getOrDefault(tp, -1L));
            OffsetAndMetadata c = committed.get(tp);
            Long s = stored.get(tp);
            rows.add(new OffsetResetPlan.PartitionReset(tp.topic(), tp.partition(),
                    c == null ? OptionalLong.empty() : OptionalLong.of(c.offset()),
                    s == null ? OptionalLong.empty() : OptionalLong.of(s), to, low, high));
        }
        return new OffsetResetPlan(group, target, List.copyOf(rows), warehouse.map(StoredOffsets::description),
                activeMembers(group));
    }

    /**
     * Carries out a plan: the warehouse offsets first (in one transaction), then the group's offsets in Kafka.
     *
     * @throws IllegalStateException when the group has active members now, or a step fails
     */
    public void execute(OffsetResetPlan plan, Optional<StoredOffsets> warehouse) {
        List<String> members = activeMembers(plan.group());
        if (!members.isEmpty()) {
            throw new IllegalStateException(refusal(plan.group(), members));
        }
        Map<TopicPartition, Long> targets = plan.targets();
        if (warehouse.isPresent()) {
            warehouse.get().store(plan.group(), targets);
            log.info("Stored {} offsets of group {} in {}", targets.size(), plan.group(), warehouse.get().description());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        targets.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        try {
            admin.alterConsumerGroupOffsets(plan.group(), offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot reset the offsets of consumer group " + plan.group() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("resetting the offsets of consumer group " + plan.group(), e);
        }
        log.info("Reset {} offsets of consumer group {} ({})", offsets.size(), plan.group(), plan.target().describe());
    }

    /** Members of the group now, described as {@code client-id (host)}; empty for an inactive or unknown group. */
    public List<String> activeMembers(String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
            List<String> out = new ArrayList<>();
            for (MemberDescription m : d.members()) {
                out.add(m.clientId() + " (" + m.host() + ")");
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw new IllegalStateException("Cannot describe consumer group " + group + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("describing consumer group " + group, e);
        }
    }

    /** Why a reset is refused while the group has members. */
    public static String refusal(String group, List<String> members) {
        return "Consumer group " + group + " has " + members.size() + " active member(s): " + String.join(", ", members)
                + "; stop them before resetting its offsets";
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null) {
                            out.put(tp, o);
                        }
                    });
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new IllegalStateException("Cannot read the offsets of consumer group " + group + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("reading the offsets of consumer group " + group, e);
        }
    }

    private List<TopicPartition> partitions(Collection<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> out = new ArrayList<>();
            described.forEach((name, d) -> d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
            out.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("A topic of " + topics + " does not exist: "
                        + e.getCause().getMessage(), e.getCause());
            }
            throw new IllegalStateException("Cannot describe topics " + topics + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("describing topics " + topics, e);
        }
    }

    /**
     * The offset of the first record at or after {@code time} per partition, -1 when there is none. The broker's answer
     * counts transaction markers, whose timestamp is the commit time: when it points at a marker, or at a record a
     * {@code read_committed} consumer never sees, the records after it are read until one is at or after the time.
     */
    private Map<TopicPartition, Long> firstRecordsAtOrAfter(List<TopicPartition> partitions, long time,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> candidates = offsets(partitions, OffsetSpec.forTimestamp(time));
        Map<TopicPartition, Long> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(clients.consumer("amiconnect-replay-probe",
                null), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (TopicPartition tp : partitions) {
                long candidate = candidates.getOrDefault(tp, -1L);
                out.put(tp, candidate < 0 ? -1 : scan(probe, tp, candidate, time, ends.get(tp)));
            }
        }
        return out;
    }

    private static long scan(KafkaConsumer<byte[], byte[]> probe, TopicPartition tp, long from, long time, long end) {
        probe.assign(List.of(tp));
        probe.seek(tp, from);
        long lastProgress = System.nanoTime();
        long position = from;
        while (position < end) {
            for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(200)).records(tp)) {
                if (r.timestamp() >= time) {
                    return r.offset();
                }
            }
            long now = probe.position(tp);
            if (now > position) {
                position = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)) {
                throw new IllegalStateException("Reading " + tp + " from offset " + position + " made no progress for "
                        + TIMEOUT_SECONDS + " s");
            }
        }
        return -1;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(request).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list offsets of " + partitions.size() + " partitions: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("listing offsets", e);
        }
    }

    private static IllegalStateException interrupted(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("Timed out or interrupted while " + what, e);
    }

    @Override
    public void close() {
        admin.close();
    }
}
