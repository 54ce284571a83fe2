package org.amiconnect.core.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * A store that keeps written records and the offsets after them together, in one step, as a warehouse transaction
 * does. Thread-safe: several loops may write to one store, and tests read it while they do.
 */
final class MemoryStore {

    private final Map<TopicPartition, List<Long>> written = new HashMap<>();
    private final Map<TopicPartition, Long> offsets = new HashMap<>();

    /** Stores next offsets as if an earlier run had written everything before them. */
    synchronized void storeOffsets(Map<TopicPartition, Long> next) {
        offsets.putAll(next);
    }

    /** Writes the offsets of some records and the next offsets after them, together. */
    synchronized void write(Map<TopicPartition, List<Long>> records, Map<TopicPartition, Long> next) {
        records.forEach((tp, list) -> written.computeIfAbsent(tp, p -> new ArrayList<>()).addAll(list));
        offsets.putAll(next);
    }

    synchronized Map<TopicPartition, Long> offsets() {
        return new HashMap<>(offsets);
    }

    /** The offsets of the written records, per partition, in the order they were written. */
    synchronized Map<Integer, List<Long>> written() {
        Map<Integer, List<Long>> copy = new TreeMap<>();
        written.forEach((tp, list) -> copy.put(tp.partition(), List.copyOf(list)));
        return copy;
    }

    synchronized int count() {
        return written.values().stream().mapToInt(List::size).sum();
    }
}
