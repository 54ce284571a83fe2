package org.amiconnect.core.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.amiconnect.core.concurrent.Pauses;
import org.amiconnect.core.concurrent.RetryBackoff;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume loop of a sink, on its own thread: it polls the task's topics and hands every poll to its
 * {@link SinkTask}, which writes records and their offsets to its own store. The loop is Kafka Connect's
 * {@code WorkerSinkTask} cut down to what AMI Connect's sinks need.
 *
 * <p>Offsets: on every assignment, and after every failure, the loop positions each partition at the offset the task
 * has stored ({@link SinkTask#storedPositions}), or at its beginning when none is stored. What the task took and did not
 * write is then read again, so a crash or a failure anywhere neither loses nor repeats records in the task's store.
 * An offset stored with the id of another topic than the assigned one (the topic was deleted and created again, the
 * broker's data was wiped, or the sink now reads another cluster) belongs to records that no longer exist: the
 * partition is then read from its beginning, with a warning naming the topic and both ids. Loads are idempotent, so
 * reading the new topic whole loses nothing and doubles nothing.
 *
 * <p>Failures: when a poll or the task fails, the task drops what it holds, the loop waits (1 s by default, doubling
 * with each failure in a row up to 30 s; a stop request ends the wait) and reads again from the stored offsets. An
 * {@link Error} ends the loop. The loop is healthy while it runs and its last write succeeded, or it holds nothing
 * unwritten and is positioned.
 *
 * <p>Rebalances: before partitions are taken away the task writes or drops what it took from them
 * ({@link SinkTask#close}); lost partitions (the consumer was fenced) drop everything and rewind.
 *
 * <p>Stop: {@link #close()} ends the loop after its current poll, lets the task write what it holds
 * ({@link SinkTask#flush}), then closes the consumer and stops the task.
 */
public final class SinkLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);

    private final SinkLoopOptions options;
    private final SinkTask task;
    private final String group;
    private final List<String> topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Thread thread;
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();

    private volatile boolean running;
    private volatile boolean failing;
    /** Why the loop ended without being closed; null while it runs or after a clean stop. */
    private volatile String stoppedOnError;

    // state of the loop's thread only
    private final RetryBackoff backoff;
    private boolean rewindNeeded;
    /** Topic ids of the assigned topics, looked up again whenever partitions are positioned. */
    private final Map<String, String> topicIds = new HashMap<>();

    /**
     * Creates the consumer and hands the task its context; nothing runs before {@link #start()}.
     *
     * @param consumerProperties Kafka consumer settings with a {@code group.id}, auto-commit off; the loop reads keys
     *     and values as bytes
     * @param task the task, which the loop then owns and stops when it ends; a constructor failure leaves stopping it
     *     to the caller
     * @throws IllegalArgumentException when the properties have no group id
     */
    public SinkLoop(SinkLoopOptions options, Map<String, Object> consumerProperties, SinkTask task) {
        this.options = Objects.requireNonNull(options, "options");
        this.task = Objects.requireNonNull(task, "task");
        Object groupId = consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (groupId == null) {
            throw new IllegalArgumentException(options.name() + ": the consumer needs a group id");
        }
        this.group = groupId.toString();
        this.topics = List.copyOf(task.topics());
        this.backoff = new RetryBackoff(options.firstRetry(), options.maxRetry());
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            this.admin = Admin.create(adminProperties(consumerProperties, group));
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        task.initialize(new Context());
        this.thread = new Thread(this::run, options.threadName());
    }

    /** The consumer's connection and security settings, for the admin client that looks up topic ids. */
    private static Map<String, Object> adminProperties(Map<String, Object> consumerProperties, String group) {
        Map<String, Object> props = new HashMap<>();
        consumerProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, group + "-topic-ids");
        return props;
    }

    /** The consumer group. */
    public String consumerGroup() {
        return group;
    }

    /** The topics the loop subscribes to. */
    public List<String> topics() {
        return topics;
    }

    /** Running, and the last write succeeded or nothing is waiting to be written. */
    public boolean isHealthy() {
        return running && thread.isAlive() && !failing;
    }

    /**
     * Why the loop has stopped for good without being closed (an {@link Error}, or a failure of the loop itself), for
     * {@link org.amiconnect.core.health.ServiceHealth}; empty while it runs, retries, or after {@link #close()}.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(stoppedOnError);
    }

    /**
     * Starts the loop on its own thread.
     *
     * @throws IllegalStateException when it was started or closed before
     */
    public synchronized void start() {
        if (resourcesClosed.get()) {
            throw new IllegalStateException(options.name() + " is closed; create a new one");
        }
        if (running || thread.isAlive()) {
            throw new IllegalStateException(options.name() + " is already started");
        }
        running = true;
        thread.start();
    }

    /**
     * Stops the loop and waits for it: the task writes what it holds, then the consumer is closed and the task
     * stopped. Called from the loop's own thread (a task's method), it only asks the loop to end.
     */
    @Override
    public synchronized void close() {
        running = false;
        if (Thread.currentThread() == thread) {
            return; // the loop ends after this poll and closes everything itself
        }
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the loop still ends on its own and closes everything
            }
        }
        closeResources();
    }

    private void run() {
        log.info("{} started: group {}, topics {}, writing to {}", options.name(), group, topics, options.target());
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    handleFailure(e);
                }
            }
            try {
                task.flush();
            } catch (RuntimeException e) {
                log.warn("{}: what was taken last was not written and will be read again on the next start: {}",
                        options.name(), e.getMessage());
            }
        } catch (Throwable t) {
            log.error("{} stopped on an unexpected error", options.name(), t);
            task.error(t.toString());
            failing = true;
            stoppedOnError = options.name() + " stopped on an unexpected error: " + t;
        } finally {
            running = false;
            try {
                task.discard();
            } finally {
                closeResources();
            }
            log.info("{} stopped: {}", options.name(), task);
        }
    }

    private void pollOnce() {
        if (rewindNeeded) {
            rewind();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
        if (rewindNeeded) {
            // the rebalance listener could not position the consumer: what was fetched may start anywhere
            task.discard();
            return;
        }
        task.put(records);
        if (!rewindNeeded && !task.hasPending()) {
            // idle and positioned from the stored offsets: the store answers; the retry delay stays until a write works
            failing = false;
        }
    }

    private Duration pollTimeout() {
        long nanos = Math.min(task.nanosUntilDue(), options.maxPoll().toNanos());
        return Duration.ofNanos(Math.max(0, nanos));
    }

    private void handleFailure(RuntimeException e) {
        failing = true;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        task.failed(message);
        Duration delay = backoff.next();
        // the stack trace once per run of failures; repeats would only bury it
        log.error("{}: {}; retrying from {} in {}", options.name(), message, options.storedOffsets(), seconds(delay),
                backoff.firstInARow() ? e : null);
        task.discard();
        rewindNeeded = true;
        Pauses.sleepWhile(() -> running, delay);
        backoff.failed();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Positions every assigned partition at its stored offset again. */
    private void rewind() {
        seekToStored(consumer.assignment());
        rewindNeeded = false;
    }

    /**
     * Positions each partition at the offset the task stored for it, or at its beginning when it has none or when the
     * offset belongs to an earlier topic of the same name.
     */
    private void seekToStored(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, StoredOffset> stored = task.storedPositions(partitions);
        topicIds.clear();
        Map<TopicPartition, Long> seeked = new HashMap<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            StoredOffset next = stored.get(tp);
            if (next == null) {
                fromStart.add(tp);
                continue;
            }
            String current = topicId(tp.topic());
            if (next.belongsToAnotherTopic(current)) {
                log.warn("{}: topic {} was created again: offset {} of partition {}, from {}, belongs to the "
                        + "earlier topic (topic id {}); the topic now has id {}, so the partition is read from its "
                        + "beginning (loads are idempotent)", options.name(), tp.topic(), next.nextOffset(),
                        tp.partition(), options.storedOffsets(), next.topicId(), current);
                fromStart.add(tp);
            } else {
                consumer.seek(tp, next.nextOffset());
                seeked.put(tp, next.nextOffset());
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        log.info("{}: positioned {} partitions at {} ({} stored, {} from the beginning)", options.name(),
                partitions.size(), options.storedOffsets(), seeked.size(), fromStart.size());
        task.positioned(seeked);
    }

    /** The topic id of a topic, from the cache or the cluster; null when the cluster has none. */
    private String topicId(String topic) {
        String cached = topicIds.get(topic);
        if (cached != null || topicIds.containsKey(topic)) {
            return cached;
        }
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            String id = d == null || d.topicId() == null || d.topicId().equals(Uuid.ZERO_UUID) ? null
                    : d.topicId().toString();
            topicIds.put(topic, id);
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while describing topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaException("Cannot describe topic " + topic + ": " + cause.getMessage(), cause);
        }
    }

    private void closeResources() {
        if (!resourcesClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.warn("{}: closing the consumer failed: {}", options.name(), e.toString());
        }
        try {
            admin.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("{}: closing the admin client failed: {}", options.name(), e.toString());
        }
        task.stop();
    }

    /** Positions assigned partitions at the stored offsets; lets the task write or drop what it took before a revoke. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                task.open(partitions);
                seekToStored(partitions);
            } catch (RuntimeException e) {
                log.error("{}: cannot read {}: {}", options.name(), options.storedOffsets(), e.getMessage());
                task.error(e.getMessage());
                rewindNeeded = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                task.close(partitions);
            } catch (RuntimeException e) {
                log.warn("{}: what was taken could not be written before a rebalance and will be read again: {}",
                        options.name(), e.getMessage());
                task.discard();
                rewindNeeded = true;
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (task.hasPending()) {
                log.warn("{}: partitions lost; what was taken and not written will be read again", options.name());
            }
            task.discard();
            rewindNeeded = true;
        }
    }

    /** The task's view of the loop; used on the loop's thread only. */
    private final class Context implements SinkTaskContext {

        @Override
        public Set<TopicPartition> assignment() {
            return consumer.assignment();
        }

        @Override
        public long position(TopicPartition partition) {
            return consumer.position(partition);
        }

        @Override
        public Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> out = new HashMap<>();
            consumer.committed(Set.copyOf(partitions)).forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        }

        @Override
        public Map<TopicPartition, StoredOffset> committedPositions(Collection<TopicPartition> partitions) {
            Map<TopicPartition, StoredOffset> out = new HashMap<>();
            consumer.committed(Set.copyOf(partitions)).forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, StoredOffset.fromCommit(om.offset(), om.metadata()));
                }
            });
            return out;
        }

        @Override
        public String topicId(String topic) {
            return SinkLoop.this.topicId(topic);
        }

        @Override
        public void commit(Map<TopicPartition, Long> offsets) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            offsets.forEach((tp, next) -> commit.put(tp,
                    new OffsetAndMetadata(next, StoredOffset.metadata(SinkLoop.this.topicId(tp.topic())))));
            consumer.commitSync(commit);
        }

        @Override
        public void written() {
            failing = false;
            backoff.succeeded();
        }
    }
}
