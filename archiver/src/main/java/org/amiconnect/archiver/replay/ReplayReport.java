package org.amiconnect.archiver.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a replay did, or (for a dry run) would do.
 *
 * @param executed false for a dry run
 * @param targetTopic where the records went (or would go)
 * @param objects objects selected for the range
 * @param partitions per archived partition: what was (or would be) published
 * @param skipped records of the selected objects outside the time range or of another org
 * @param overlapping records skipped because an earlier object already held their offset
 * @param schemas per schema id whose writer schema the target registry lacked: the id it was registered under
 *     ({@code -1} in a dry run)
 * @param problems objects that could not be read, each with its problem
 * @param createdTopic true when the target topic did not exist and was (or would be) created
 */
public record ReplayReport(boolean executed, String targetTopic, int objects, SortedMap<Integer, PartitionReplay> partitions,
        long skipped, long overlapping, Map<Integer, Integer> schemas, List<Problem> problems, boolean createdTopic) {

    /** The records of one partition. */
    public record PartitionReplay(int partition, long records, long firstOffset, long lastOffset, Instant firstTime,
            Instant lastTime) {
    }

    /** An object that could not be read or published. */
    public record Problem(String key, String message) {
    }

    public long records() {
        return partitions.values().stream().mapToLong(PartitionReplay::records).sum();
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
