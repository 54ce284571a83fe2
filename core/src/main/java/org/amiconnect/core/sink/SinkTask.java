package org.amiconnect.core.sink;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * What a sink writes to run in a {@link SinkLoop}: what it does with the records of each poll, and where the offsets
 * it consumed up to are stored. Everything else (subscription, polling, positioning partitions at the stored offsets,
 * retries with backoff, rebalances, the final flush, health, the thread) is the loop's, written once for every sink,
 * as Kafka Connect splits {@code SinkTask} from {@code WorkerSinkTask}.
 *
 * <p>Lifecycle: {@link #initialize} once; then, on the loop's thread, {@link #open} and {@link #storedOffsets} for
 * every assignment, {@link #put} after every poll, {@link #close} before partitions are taken away, {@link #discard}
 * after any failure (the loop then waits and reads again from the stored offsets), {@link #flush} when the loop is
 * stopped, and {@link #stop} once at the very end. Every method except {@link #initialize} runs on the loop's thread;
 * {@link #stop} runs on the caller's thread instead when a loop that never started is closed.
 *
 * <p>A task writes its records and the offsets after them in one step of its own store (a warehouse transaction, or
 * an archive object and then a Kafka commit), and tells the loop through {@link SinkTaskContext#written()}.
 * {@code toString()} is logged when the loop stops: a summary of what the task did.
 */
public interface SinkTask {

    /** Hands the task the loop's context; called once, when the loop is created, before any other method. */
    void initialize(SinkTaskContext context);

    /** The topics to subscribe to. */
    Collection<String> topics();

    /**
     * Where the task's offsets are stored: the next offset to read per partition. Called when partitions are assigned
     * and when the loop rewinds after a failure; the loop seeks each partition to its offset here, and a partition
     * missing here to its beginning. Offsets of other partitions are ignored.
     *
     * @throws RuntimeException when the store cannot be read; the loop rewinds again before its next poll
     */
    Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions);

    /**
     * The stored offsets with the topic id each belongs to, which the loop compares with the topic id of the assigned
     * partition: an offset of an earlier topic of the same name (deleted and created again, a wiped broker, a new
     * cluster) is not used, and that partition is read from its beginning. The default knows no topic ids: it is
     * {@link #storedOffsets} with a null topic id, which the loop trusts.
     *
     * @throws RuntimeException as for {@link #storedOffsets}
     */
    default Map<TopicPartition, StoredOffset> storedPositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, StoredOffset> out = new java.util.HashMap<>();
        storedOffsets(partitions).forEach((tp, next) -> out.put(tp, new StoredOffset(next, null)));
        return out;
    }

    /** Partitions newly assigned, before the loop positions them. */
    default void open(Collection<TopicPartition> partitions) {
    }

    /**
     * The loop positioned partitions at these stored offsets (any others it positioned are at their beginning).
     *
     * @throws RuntimeException as for {@link #storedOffsets}
     */
    default void positioned(Map<TopicPartition, Long> offsets) {
    }

    /**
     * Takes the records of one poll, and does whatever is due: writes full or old enough batches, closes idle
     * objects. Called after every poll, also with no records, so that time-based work happens on a quiet topic.
     *
     * @throws RuntimeException on any failure: the loop calls {@link #discard}, waits, and reads again from the
     *     stored offsets
     */
    void put(ConsumerRecords<byte[], byte[]> records);

    /**
     * How long until the task wants its next {@link #put} to write on time, in nanoseconds (0 or less: now); the loop
     * never polls longer. {@link Long#MAX_VALUE} (the default) when nothing is due.
     */
    default long nanosUntilDue() {
        return Long.MAX_VALUE;
    }

    /** True while the task holds records it took and has not written. */
    boolean hasPending();

    /**
     * Writes everything taken so far; called when the loop is stopped, not after a failure.
     *
     * @throws RuntimeException when the write fails: what was not written is read again on the next start
     */
    void flush();

    /**
     * Partitions are about to be taken away by a rebalance: write or drop what was taken from them. Never called with
     * an empty collection.
     *
     * @throws RuntimeException when the write fails: the loop then calls {@link #discard} and rewinds the partitions
     *     that stay
     */
    void close(Collection<TopicPartition> partitions);

    /** Drops everything taken and not written; the loop then reads it again from the stored offsets. */
    void discard();

    /** A poll, put or positioning failed; the loop retries it after a pause. For the task's statistics. */
    void failed(String message);

    /**
     * Any other error: the stored offsets could not be read on an assignment (the loop rewinds before its next poll),
     * or the loop stopped on an unexpected error. For the task's statistics.
     */
    void error(String message);

    /** Releases what the task holds (connections, files); called once, whether or not the loop ever ran. */
    void stop();
}
