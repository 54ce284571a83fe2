package org.amiconnect.transformer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.TransformerSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.ConsumerGroups;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka Streams application that normalizes raw topics, exactly once. */
public final class TransformerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransformerService.class);
    /** How often the stream threads commit (each commit is a transaction), milliseconds. */
    private static final int COMMIT_INTERVAL_MS = 1000;
    /**
     * The longest a normalized record stays in an open transaction (and, lingering, in the producer) before the commit
     * that makes it visible: the Streams commit interval.
     */
    public static final Duration COMMIT_INTERVAL = Duration.ofMillis(COMMIT_INTERVAL_MS);

    private final KafkaStreams streams;
    private final TransformerMetrics metrics = new TransformerMetrics();
    private final String applicationId;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean started;
    private volatile boolean closed;
    private final StateDirectorySlot stateSlot;
    private final String clientId;
    private final KafkaClients clients;

    /** A transformer with the default settings (one thread, no standby replicas) and state under {@code stateDir}. */
    public TransformerService(List<SourceConfig> sources, AdapterCatalog adapters, KafkaClients clients, Topics topics,
            SchemaRegistry registry, Path stateDir) {
        this(sources, adapters, clients, topics, registry, stateDir, TransformerSettings.DEFAULTS);
    }

    /**
     * @param defaultStateDir where local state lives unless {@code settings} names a directory
     * @param settings config.yaml's {@code transformer:} section
     */
    public TransformerService(List<SourceConfig> sources, AdapterCatalog adapters, KafkaClients clients, Topics topics,
            SchemaRegistry registry, Path defaultStateDir, TransformerSettings settings) {
        this.stateSlot = StateDirectorySlot.claim(settings.stateDir().orElse(defaultStateDir));
        Path stateDir = stateSlot.dir();
        this.applicationId = applicationId(topics);
        Properties props = new Properties();
        // one client id per process: Streams names its consumers <client.id>-StreamThread-<n>-consumer
        this.clientId = "amiconnect-transformer-" + KafkaClients.processInstance();
        this.clients = clients;
        Map<String, Object> common = clients.common(clientId);
        props.putAll(common);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        // one thread is plenty by default: normalization is CPU-light and the default run shares the machine
        // with the broker; more threads or instances share the partitions
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                clients.settings().compressionType());
        // under exactly-once nothing is visible before the commit, which flushes every open batch anyway, so a batch
        // may linger up to the commit interval: fewer, fuller batches, and each new batch allocates the codec's
        // buffers (lz4: ~130 KB, a fifth of the stream thread's allocation with linger.ms 20)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) clients.settings().replicationFactor());
        // each commit is a transaction; with transactions v2 the next one may wait for the previous commit's markers,
        // so fewer, larger transactions raise throughput a lot for the cost of up to a second of latency
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        // one bounded pool of RocksDB memory for all stores instead of a block cache and memtables per store
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // the topology has no global stores; opting in now silences a start-up warning about Kafka 5.0's default
        props.put("processing.exception.handler.global.enabled", true);
        try {
            this.streams = new KafkaStreams(
                    TransformerTopology.build(sources, adapters, topics, registry, metrics, settings), props);
        } catch (RuntimeException e) {
            stateSlot.close();
            throw e;
        }
        streams.setUncaughtExceptionHandler(e -> {
            String reason = TransformerFailure.describe(e, applicationId);
            failure.compareAndSet(null, reason);
            log.error("Transformer stopped for good: {}", reason, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                failure.compareAndSet(null, "the Kafka Streams client of " + applicationId + " went from " + before
                        + " to " + now);
            }
        });
    }

    /**
     * Why the transformer has stopped for good without being closed (its Streams client is in ERROR: a raw topic was
     * deleted, the registry is unreachable, ...), for {@link org.amiconnect.core.health.ServiceHealth}; empty while it
     * runs or rebalances, and after {@link #close()}. The reason names the group and, when known, the topic.
     */
    public Optional<String> failure() {
        if (closed) {
            return Optional.ofNullable(failure.get());
        }
        String reason = failure.get();
        if (reason == null && started && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            reason = "the Kafka Streams client of " + applicationId + " is not running";
        }
        return Optional.ofNullable(reason);
    }

    /** The Streams application id, which is also the consumer group of its input offsets. */
    public static String applicationId(Topics topics) {
        return ConsumerGroups.transformer(topics);
    }

    public String groupId() {
        return applicationId;
    }

    public void start() {
        started = true;
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    public TransformerMetrics metrics() {
        return metrics;
    }

    /** The Kafka Streams application, for metric binders (its own metrics and its clients'). */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        closed = true;
        // leave the group: a restarted transformer would otherwise wait out the session timeout (45 s) for the
        // partitions this instance held
        try {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            if (failure.get() != null) {
                DeadMembers.remove(clients, applicationId, clientId);
            }
        } finally {
            stateSlot.close();
        }
    }
}
