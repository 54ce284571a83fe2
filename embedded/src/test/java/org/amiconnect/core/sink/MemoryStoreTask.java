package org.amiconnect.core.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * A sink task that batches records and writes each batch with its offsets to a {@link MemoryStore}, where its offsets
 * are stored: a batch is written when it is full or old enough, as the loader's are. Faults can be injected into its writes and into its puts; every call the loop makes is recorded.
 */
final class MemoryStoreTask implements SinkTask {

    private final MemoryStore store;
    private final List<String> topics;
    private final int batchSize;
    private final Duration maxAge;

    /** The loop's calls, in order: open, put (non-empty only), close, flush, discard, failed, error, stop. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** How many of the next writes fail. */
    final AtomicInteger failingWrites = new AtomicInteger();
    /** Records ({@code partition:offset}) whose first put fails. */
    final Set<String> failOnceAt = ConcurrentHashMap.newKeySet();
    /** Records taken so far, counting records taken again after a rewind. */
    final AtomicInteger taken = new AtomicInteger();
    /** How many of the next puts fail, before they take any record. */
    final AtomicInteger failingPuts = new AtomicInteger();
    /** An error the next put throws, once. */
    volatile Error putError;
    /** When each failure was reported, in {@link System#nanoTime()}. */
    final List<Long> failedAtNanos = new CopyOnWriteArrayList<>();

    // state of the loop's thread only
    private SinkTaskContext context;
    private final Map<TopicPartition, List<Long>> pending = new LinkedHashMap<>();
    private long pendingSince;

    /** Writes a batch when it holds {@code batchSize} records, or at the first put after it is {@code maxAge} old. */
    MemoryStoreTask(MemoryStore store, Collection<String> topics, int batchSize, Duration maxAge) {
        this.store = store;
        this.topics = List.copyOf(topics);
        this.batchSize = batchSize;
        this.maxAge = maxAge;
    }

    /** The calls whose name starts with {@code prefix}. */
    List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public void initialize(SinkTaskContext context) {
        this.context = context;
    }

    @Override
    public Collection<String> topics() {
        return topics;
    }

    @Override
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
        return store.offsets();
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        calls.add("open " + partitions(partitions));
    }

    @Override
    public void put(ConsumerRecords<byte[], byte[]> records) {
        Error error = putError;
        if (error != null) {
            putError = null;
            throw error;
        }
        if (failingPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the put failed");
        }
        if (!records.isEmpty()) {
            calls.add("put " + records.count());
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (failOnceAt.remove(r.partition() + ":" + r.offset())) {
                throw new IllegalStateException("cannot take record " + r.partition() + ":" + r.offset());
            }
            if (pending.isEmpty()) {
                pendingSince = System.nanoTime();
            }
            pending.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>())
                    .add(r.offset());
            taken.incrementAndGet();
            if (pendingCount() >= batchSize) {
                write();
            }
        }
        if (hasPending() && nanosUntilDue() <= 0) {
            write();
        }
    }

    @Override
    public long nanosUntilDue() {
        return hasPending() ? pendingSince + maxAge.toNanos() - System.nanoTime() : Long.MAX_VALUE;
    }

    @Override
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    @Override
    public void flush() {
        calls.add("flush");
        if (hasPending()) {
            write();
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        calls.add("close " + partitions(partitions));
        if (hasPending()) {
            write();
        }
    }

    @Override
    public void discard() {
        calls.add("discard");
        pending.clear();
    }

    @Override
    public void failed(String message) {
        failedAtNanos.add(System.nanoTime());
        calls.add("failed " + message);
    }

    @Override
    public void error(String message) {
        calls.add("error " + message);
    }

    @Override
    public void stop() {
        calls.add("stop");
    }

    @Override
    public String toString() {
        return taken + " records taken, " + store.count() + " in the store";
    }

    private int pendingCount() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    /** Writes the batch with the offset after each partition's last record, then commits a copy to Kafka. */
    private void write() {
        if (failingWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the store is unavailable");
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        pending.forEach((tp, offsets) -> next.put(tp, offsets.get(offsets.size() - 1) + 1));
        store.write(pending, next);
        pending.clear();
        context.written();
        context.commit(next);
    }

    private static String partitions(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(tp -> numbers.add(tp.partition()));
        return numbers.toString();
    }
}
