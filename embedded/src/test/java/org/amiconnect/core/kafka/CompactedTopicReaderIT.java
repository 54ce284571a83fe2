package org.amiconnect.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compacted-topic reader against a real broker, in both of its modes. It lives in this module's tests because
 * core cannot depend on the broker, not even for its tests.
 */
class CompactedTopicReaderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    private static EmbeddedKafkaBroker broker;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void followingReaderCatchesUpWithEveryPartitionAndKeepsTheLatestValuePerKey() throws Exception {
        String topic = createTopic(broker, 3);
        try (KafkaProducer<String, String> producer = producer(broker)) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 100), "value-" + i));
            }
            producer.flush();
        }
        State state = new State();

        try (CompactedTopicReader<String, String> reader = reader(broker, topic, state)) {
            reader.start();
            reader.awaitCaughtUp(TIMEOUT);

            assertThat(state.latest).hasSize(100).containsEntry("key-0", "value-200").containsEntry("key-99", "value-299");
            assertThat(state.delivered.get()).isEqualTo(300);

            send(broker, topic, "key-0", "value-300");
            reader.readToEnd().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(state.latest).containsEntry("key-0", "value-300");
        }
    }

    @Test
    void explicitReaderCatchesUpOnTheCallingThreadAndPollsWhatArrivesLater() throws Exception {
        String topic = createTopic(broker, 2);
        send(broker, topic, "a", "1", "b", "1");
        State state = new State();

        try (CompactedTopicReader<String, String> reader = reader(broker, topic, state)) {
            reader.awaitCaughtUp(TIMEOUT);
            assertThat(state.latest).containsOnly(Map.entry("a", "1"), Map.entry("b", "1"));
            assertThat(state.threads).containsOnly(Thread.currentThread().getName());

            send(broker, topic, "a", "2");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(50));
                assertThat(state.latest).containsEntry("a", "2");
            });
            assertThat(state.latest).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void tombstonesReachTheCallbackAsNullValues() throws Exception {
        String topic = createTopic(broker, 1);
        send(broker, topic, "kept", "v", "deleted", "v", "deleted", null);
        State state = new State();

        try (CompactedTopicReader<String, String> reader = reader(broker, topic, state)) {
            reader.start();
            reader.awaitCaughtUp(TIMEOUT);
        }

        assertThat(state.latest).containsOnlyKeys("kept");
        assertThat(state.tombstones).containsExactly("deleted");
    }

    @Test
    void readsATopicCreatedAfterTheReaderStarted() throws Exception {
        String topic = "late-" + TOPICS.incrementAndGet();
        State following = new State();
        State polling = new State();

        try (CompactedTopicReader<String, String> follower = reader(broker, topic, following);
                CompactedTopicReader<String, String> poller = reader(broker, topic, polling)) {
            follower.start();
            follower.awaitCaughtUp(TIMEOUT);
            assertThat(poller.poll(Duration.ofMillis(20))).isZero();
            assertThat(following.latest).isEmpty();

            createTopic(broker, topic, 2);
            send(broker, topic, "meter", "read");

            await().atMost(TIMEOUT).untilAsserted(() -> {
                follower.awaitCaughtUp(TIMEOUT);
                assertThat(following.latest).containsEntry("meter", "read");
            });
            await().atMost(TIMEOUT).untilAsserted(() -> {
                poller.poll(Duration.ofMillis(50));
                assertThat(polling.latest).containsEntry("meter", "read");
            });
        }
    }

    @Test
    void skipsAbortedTransactionsAndCatchesUpToTheLastStableOffset() throws Exception {
        String topic = createTopic(broker, 1);
        try (KafkaProducer<String, String> producer = transactionalProducer(broker, topic)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "run", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "run", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "other", "still open"));
            producer.flush();

            State state = new State();
            try (CompactedTopicReader<String, String> reader = reader(broker, topic, state)) {
                reader.awaitCaughtUp(TIMEOUT);
                assertThat(state.latest).containsOnly(Map.entry("run", "committed"));
            }
            producer.abortTransaction();
        }
    }

    @Test
    void aReaderAfterABrokerRestartRebuildsTheSameState(@TempDir Path restartDir) throws Exception {
        State before = new State();
        int port;
        int controllerPort;
        String topic;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(restartDir, 0, 0)) {
            port = first.port();
            controllerPort = first.controllerPort();
            topic = createTopic(first, 2);
            try (KafkaProducer<String, String> producer = producer(first)) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i));
                }
                producer.send(new ProducerRecord<>(topic, "key-3", null));
                producer.flush();
            }
            try (CompactedTopicReader<String, String> reader = reader(first, topic, before)) {
                reader.awaitCaughtUp(TIMEOUT);
            }
        }

        State after = new State();
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(restartDir, port, controllerPort);
                CompactedTopicReader<String, String> reader = reader(restarted, topic, after)) {
            reader.start();
            reader.awaitCaughtUp(TIMEOUT);
        }

        assertThat(before.latest).hasSize(9).doesNotContainKey("key-3");
        assertThat(after.latest).isEqualTo(before.latest);
    }

    @Test
    void aClosedReaderFailsCatchUpRequests() {
        String topic = createTopic(broker, 1);
        CompactedTopicReader<String, String> reader = reader(broker, topic, new State());
        reader.start();
        reader.close();

        assertThat(reader.readToEnd()).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("closed");
        assertThatThrownBy(() -> reader.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    /** What the callback saw: the latest value per key, the keys deleted, and the threads it ran on. */
    private static final class State {
        final Map<String, String> latest = new ConcurrentHashMap<>();
        final List<String> tombstones = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger delivered = new AtomicInteger();

        void accept(ConsumerRecord<String, String> record) {
            delivered.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            if (record.value() == null) {
                latest.remove(record.key());
                tombstones.add(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
    }

    private static CompactedTopicReader<String, String> reader(EmbeddedKafkaBroker broker, String topic, State state) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "reader-it-" + TOPICS.incrementAndGet(),
                // a group id must be ignored: the reader never joins a group
                ConsumerConfig.GROUP_ID_CONFIG, "must-not-be-used");
        return new CompactedTopicReader<>(topic, props, new StringDeserializer(), new StringDeserializer(),
                state::accept);
    }

    private static String createTopic(EmbeddedKafkaBroker broker, int partitions) {
        String topic = "compacted-" + TOPICS.incrementAndGet();
        createTopic(broker, topic, partitions);
        return topic;
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
    }

    /** Sends key, value, key, value… (a null value is a tombstone) and waits until each is acknowledged. */
    private static void send(EmbeddedKafkaBroker broker, String topic, String... keysAndValues) throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker)) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, keysAndValues[i], keysAndValues[i + 1])).get();
            }
        }
    }

    /**
     * One request in flight per connection: the tests write to topics created a moment before, whose first produce
     * requests may meet NOT_LEADER_OR_FOLLOWER while the broker takes the partitions' leadership. With five in flight
     * the idempotent producer once retried into OUT_OF_ORDER_SEQUENCE_NUMBER for two minutes on a slow machine, until
     * the delivery timeout dropped 52 of 300 records; one at a time, a retry is only ever of the oldest batch.
     */
    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                new StringSerializer());
    }

    /** As {@link #producer}, transactional. */
    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker broker, String topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-it-" + topic), new StringSerializer(),
                new StringSerializer());
    }
}
