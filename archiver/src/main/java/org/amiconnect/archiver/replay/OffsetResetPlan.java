package org.amiconnect.archiver.replay;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

/**
 * The new offsets of a consumer group, partition by partition, before anything is changed.
 *
 * @param warehouse the warehouse whose stored offsets are rewound too (loader groups), or empty
 * @param activeMembers members the group has now; a plan with members cannot be executed
 */
public record OffsetResetPlan(String group, ResetTarget target, List<PartitionReset> partitions,
        Optional<String> warehouse, List<String> activeMembers) {

    /**
     * One partition's change.
     *
     * @param committed the group's committed offset in Kafka, if any
     * @param stored the offset the warehouse stores for the group, if any
     * @param earliest the partition's oldest offset
     * @param latest the partition's end offset
     */
    public record PartitionReset(String topic, int partition, OptionalLong committed, OptionalLong stored,
            long target, long earliest, long latest) {

        public TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }
    }

    public Map<TopicPartition, Long> targets() {
        return partitions.stream().collect(Collectors.toMap(PartitionReset::topicPartition, PartitionReset::target));
    }
}
