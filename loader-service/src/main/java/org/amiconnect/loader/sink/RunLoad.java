package org.amiconnect.loader.sink;

import java.util.Objects;

import org.apache.kafka.common.TopicPartition;

/**
 * How many records of one extract run were loaded from one partition, and the offset of the last of them.
 *
 * @param runId the run, from the records' {@code ami.run-id} header
 * @param orgId the run's org
 * @param partition where the records were read
 * @param records how many
 * @param lastOffset the highest offset among them
 */
public record RunLoad(String runId, String orgId, TopicPartition partition, long records, long lastOffset) {

    public RunLoad {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(partition, "partition");
    }
}
