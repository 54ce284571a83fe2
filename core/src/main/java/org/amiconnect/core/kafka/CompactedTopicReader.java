package org.amiconnect.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic from its beginning and keeps following it, handing every record to a callback: the one way
 * AMI Connect rebuilds state kept in a topic (the schema registry, extract run states). Modelled on Kafka Connect's
 * {@code KafkaBasedLog}, the reader behind Connect's config, offset and status stores.
 *
 * <ul>
 * <li><b>No consumer group.</b> Every reader reads every partition from offset 0 and commits nothing, so any number
 * of processes can hold the same state.</li>
 * <li><b>{@code read_committed}.</b> Records of aborted transactions are never delivered; "the end" of a partition is
 * its last stable offset.</li>
 * <li><b>Every record, in partition order</b>, tombstones (null values) included, goes to the callback on the
 * reading thread. A callback that throws is logged and the record skipped.</li>
 * <li><b>Partitions</b> are looked up on the first read, whenever a caller asks to catch up, and at most once a
 * second while the topic does not exist yet; partitions found later are read from their beginning.</li>
 * </ul>
 *
 * <p>Two ways to drive it, one per instance:
 * <ul>
 * <li><b>Following</b>: {@link #start()} runs a daemon thread that polls and delivers; {@link #readToEnd()} returns a
 * future that completes once everything committed before the call has been delivered.</li>
 * <li><b>Explicit</b>: the owner's thread calls {@link #poll(Duration)} (what has arrived, waiting briefly) or
 * {@link #awaitCaughtUp(Duration)} (reads on the calling thread until caught up). Calls are serialised.</li>
 * </ul>
 *
 * @param <K> record key type
 * @param <V> record value type
 */
public final class CompactedTopicReader<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration FOLLOW_POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);
    /** A poll call drains at most this many fetches, so a long backlog does not hold the owner's thread. */
    private static final int MAX_FETCHES_PER_POLL = 20;
    private static final long LOOKUP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a lookup of the partitions may take on the following thread (the consumer's default API timeout). */
    private static final Duration FOLLOW_LOOKUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long a lookup of the partitions may take inside {@link #poll}, which the owner calls between other work. */
    private static final Duration POLL_LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final KafkaConsumer<K, V> consumer;
    private final Consumer<ConsumerRecord<K, V>> onRecord;
    /** The consumer is not thread-safe: every use outside the following thread holds this lock. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Requests whose end offsets are known, each with those ends. Filled only by the reading thread. */
    private final Map<CompletableFuture<Void>, Map<TopicPartition, Long>> waiting = new ConcurrentHashMap<>();
    private long nextLookup = System.nanoTime();
    private Thread thread;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * Creates the consumer; nothing is read until {@link #start()}, {@link #poll} or {@link #awaitCaughtUp}.
     *
     * @param consumerProps connection and client settings ({@code bootstrap.servers}, {@code client.id}, security,
     *     fetch tuning); a group id is removed, and auto commit, {@code read_committed} and offset reset to the
     *     earliest are set here
     * @param onRecord receives every record on the reading thread; it must not call back into this reader
     * @throws KafkaException when the consumer cannot be created (bad settings)
     */
    public CompactedTopicReader(String topic, Map<String, Object> consumerProps, Deserializer<K> keys,
            Deserializer<V> values, Consumer<ConsumerRecord<K, V>> onRecord) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("The topic to read must not be empty");
        }
        this.topic = topic;
        this.onRecord = Objects.requireNonNull(onRecord, "onRecord");
        Map<String, Object> props = new HashMap<>(consumerProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, keys, values);
    }

    public String topic() {
        return topic;
    }

    /**
     * Starts the thread that follows the topic (named {@code <threadName>}, a daemon). Calling it again does nothing.
     *
     * @throws IllegalStateException when the reader is closed
     */
    public synchronized void start(String threadName) {
        ensureOpen();
        if (thread == null) {
            thread = new Thread(this::follow, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** {@link #start(String)} with a thread named after the topic. */
    public void start() {
        start("read-" + topic);
    }

    /**
     * Asks for everything committed to the topic up to now. The future completes once all of it has been delivered
     * to the callback, or completes exceptionally when reading fails or the reader is closed first. In explicit mode
     * it completes during a later {@link #poll} or {@link #awaitCaughtUp}.
     */
    public CompletableFuture<Void> readToEnd() {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        catchUpRequests.add(caughtUp);
        if (closed || failure != null) {
            failRequests(failure != null ? failure : closedException());
        }
        return caughtUp;
    }

    /**
     * Returns once everything committed to the topic before this call has been delivered to the callback. While
     * following, waits for the following thread; otherwise reads on the calling thread.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     * @throws KafkaException when the topic cannot be read
     * @throws IllegalStateException when the reader is closed (also while waiting)
     */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
        if (following()) {
            try {
                readToEnd().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new KafkaException(e.getCause());
            } catch (TimeoutException e) {
                throw new TimeoutException("Reading topic " + topic + " to its end took longer than " + timeout);
            }
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            ensureOpen();
            lookUpPartitions(remaining(deadline));
            Map<TopicPartition, Long> ends = endOffsets(remaining(deadline));
            while (!reached(ends, remaining(deadline))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("Reading topic " + topic + " to its end took longer than " + timeout
                            + ": " + progress(ends));
                }
                deliver(consumer.poll(CATCH_UP_POLL));
            }
            serveCatchUpRequests(remaining(deadline));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // a metadata, offset or position lookup used up what was left of the time
            throw new TimeoutException("Reading topic " + topic + " to its end took longer than " + timeout + ": "
                    + e.getMessage());
        } catch (WakeupException e) {
            throw closedException();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Explicit mode: delivers the records that have arrived, waiting at most {@code maxWait} for the first fetch
     * (which may need an offset lookup before it) and draining up to 20 fetches without waiting. Does nothing while
     * the topic does not exist.
     *
     * @return the number of records delivered
     * @throws IllegalStateException when the reader is following (see {@link #start}) or closed
     * @throws KafkaException when the topic cannot be read; the next call tries again
     */
    public int poll(Duration maxWait) {
        if (following()) {
            throw new IllegalStateException("The reader of " + topic + " is following the topic on its own thread");
        }
        lock.lock();
        try {
            ensureOpen();
            if (!catchUpRequests.isEmpty() || assigned.isEmpty() && System.nanoTime() - nextLookup >= 0) {
                lookUpPartitions(POLL_LOOKUP_TIMEOUT);
            }
            if (assigned.isEmpty()) {
                serveCatchUpRequests(POLL_LOOKUP_TIMEOUT);
                return 0;
            }
            int delivered = 0;
            for (int i = 0; i < MAX_FETCHES_PER_POLL; i++) {
                ConsumerRecords<K, V> records = consumer.poll(i == 0 ? maxWait : Duration.ZERO);
                if (records.isEmpty()) {
                    break;
                }
                delivered += deliver(records);
            }
            serveCatchUpRequests(POLL_LOOKUP_TIMEOUT);
            return delivered;
        } catch (WakeupException e) {
            throw closedException();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops reading and closes the consumer; waiting {@link #readToEnd()} futures fail. Waits up to 10 s for the
     * following thread. Calling it again does nothing.
     */
    @Override
    public void close() {
        Thread follower;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            follower = thread;
        }
        consumer.wakeup();
        if (follower != null) {
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            lock.lock();
            try {
                closeConsumer();
            } finally {
                lock.unlock();
            }
        }
        failRequests(closedException());
    }

    @Override
    public String toString() {
        return "CompactedTopicReader[" + topic + "]";
    }

    /** The following thread: polls, delivers and answers catch-up requests until closed or reading fails. */
    private void follow() {
        try {
            while (!closed) {
                if (!catchUpRequests.isEmpty() || assigned.isEmpty() && System.nanoTime() - nextLookup >= 0) {
                    lookUpPartitions(FOLLOW_LOOKUP_TIMEOUT);
                }
                if (assigned.isEmpty()) {
                    serveCatchUpRequests(FOLLOW_LOOKUP_TIMEOUT);
                    Thread.sleep(FOLLOW_POLL.toMillis());
                    continue;
                }
                deliver(consumer.poll(FOLLOW_POLL));
                serveCatchUpRequests(FOLLOW_LOOKUP_TIMEOUT);
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException | IllegalStateException e) {
            if (!closed) {
                log.error("Reading topic {} stopped: {}", topic, e.getMessage(), e);
                failure = e;
                failRequests(e);
            }
        } finally {
            closeConsumer();
            failRequests(failure != null ? failure : closedException());
        }
    }

    /** Assigns partitions of the topic not assigned yet, each from its beginning. Caller is the reading thread. */
    private void lookUpPartitions(Duration timeout) {
        nextLookup = System.nanoTime() + LOOKUP_INTERVAL_NANOS;
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        Set<TopicPartition> added = new HashSet<>();
        for (PartitionInfo p : partitions == null ? List.<PartitionInfo>of() : partitions) {
            TopicPartition tp = new TopicPartition(p.topic(), p.partition());
            if (!assigned.contains(tp)) {
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(Set.copyOf(assigned));
            consumer.seekToBeginning(added);
            log.debug("Reading {} partition(s) of {} from the beginning", added.size(), topic);
        }
    }

    /** Takes the end offsets of new requests and completes the requests whose ends have been reached. */
    private void serveCatchUpRequests(Duration timeout) {
        if (!catchUpRequests.isEmpty()) {
            Map<TopicPartition, Long> ends = endOffsets(timeout);
            for (CompletableFuture<Void> f; (f = catchUpRequests.poll()) != null; ) {
                waiting.put(f, ends);
            }
        }
        waiting.entrySet().removeIf(e -> {
            boolean done = e.getKey().isDone() || reached(e.getValue(), timeout);
            if (done) {
                e.getKey().complete(null);
            }
            return done;
        });
    }

    private Map<TopicPartition, Long> endOffsets(Duration timeout) {
        return assigned.isEmpty() ? Map.of() : Map.copyOf(consumer.endOffsets(assigned, timeout));
    }

    private boolean reached(Map<TopicPartition, Long> ends, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private String progress(Map<TopicPartition, Long> ends) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            s.append(s.isEmpty() ? "" : ", ").append("partition ").append(end.getKey().partition()).append(" at ")
                    .append(consumer.position(end.getKey())).append(" of ").append(end.getValue());
        }
        return s.toString();
    }

    private int deliver(ConsumerRecords<K, V> records) {
        for (ConsumerRecord<K, V> r : records) {
            try {
                onRecord.accept(r);
            } catch (RuntimeException e) {
                log.warn("Skipping the record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            }
        }
        return records.count();
    }

    private void failRequests(RuntimeException cause) {
        for (CompletableFuture<Void> f; (f = catchUpRequests.poll()) != null; ) {
            f.completeExceptionally(cause);
        }
        if (closed || failure != null) {
            waiting.keySet().forEach(f -> f.completeExceptionally(cause));
            waiting.clear();
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.warn("Closing the reader of {} failed: {}", topic, e.toString());
        }
    }

    private synchronized boolean following() {
        return thread != null;
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("The reader of topic " + topic + " is closed");
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
