package org.amiconnect.embedded.registry;

import static org.amiconnect.schemas.registry.ConfluentRest.JSON;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.kafka.CompactedTopicReader;
import org.amiconnect.schemas.registry.ConfluentRest;
import org.amiconnect.schemas.registry.RegistryState;
import org.amiconnect.schemas.registry.SchemaIdCollisionException;
import org.amiconnect.schemas.registry.SchemaIds;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryException;
import org.amiconnect.schemas.registry.UnknownSchemaException;
import org.amiconnect.schemas.registry.UnknownSubjectException;
import org.amiconnect.schemas.registry.UnknownVersionException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry whose state lives in a compacted Kafka topic, so it needs no server of its own and survives
 * restarts of the processes that use it.
 *
 * <h2>Design</h2>
 * <ul>
 * <li><b>Deterministic ids.</b> A schema's id is {@link SchemaIds#fingerprintId}: the CRC-64-AVRO fingerprint of its
 * Parsing Canonical Form folded to a positive, non-zero int. Every process computes the same id for the same schema,
 * so any number of processes sharing the cluster can register and read schemas without coordinating, and records
 * written before a restart stay readable after it. Two different schemas with the same id are a collision: the one
 * seen first in the topic keeps the id and registering the other fails with {@link SchemaIdCollisionException}.
 * Schemas that differ only in docs, defaults, logical types or properties share an id; the first text registered is
 * the one returned.</li>
 * <li><b>Topic layout.</b> One partition, {@code cleanup.policy=compact}, created when missing (replication factor
 * from the constructor, else min(3, brokers)). Values are JSON:
 * <ul>
 * <li>key {@code schema/<id>}, value {@code {"id":<id>,"schema":"<schema json>"}};</li>
 * <li>key {@code subject/<subject>/<id>}, value {@code {"subject":"<subject>","id":<id>}}.</li>
 * </ul>
 * Versions of a subject are numbered 1, 2, ... in the order its subject records first appear in the topic. Because
 * every process reads the same log in the same order, all agree on version numbers.</li>
 * <li><b>Register.</b> Compute the id; if this process already knows the (subject, id) pair, return it. Otherwise
 * read the topic to its end, check for a collision, write the schema record (if the id is new) and the subject
 * record synchronously (acks=all, idempotent producer), then read the topic to its end again (which now includes the
 * written records) so the local state reflects the log order, and check for a collision once more (another process
 * may have won the id with a different schema at the same moment).</li>
 * <li><b>Lookup by id.</b> Served from memory. An unknown id makes the registry read the topic to its current end and
 * look once more before throwing {@link UnknownSchemaException}, since another process may have just registered
 * it.</li>
 * <li><b>Start.</b> The constructor reads the whole topic. {@link #latest}, {@link #subjects} and {@link #versions}
 * read to the end first, so they see what other processes registered.</li>
 * <li><b>Reading.</b> A {@link CompactedTopicReader} in explicit mode: the topic is read on the calling thread,
 * only when one of the above needs it.</li>
 * </ul>
 *
 * <p>Known limit: if two processes register the same new (subject, schema) pair at the same moment, the topic holds
 * two records with the same key; compaction later keeps only the second, which can renumber that subject's versions.
 * Ids, which are what records carry, are not affected.
 *
 * <p>Thread-safe. {@link #close()} closes the producer and the reader.
 */
public final class KafkaSchemaRegistry implements SchemaRegistry {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String SCHEMA_KEY_PREFIX = "schema/";
    static final String SUBJECT_KEY_PREFIX = "subject/";

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaRegistry.class);
    private static final int PARTITION = 0;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Settings this class decides; a caller's values for them would break the registry. */
    private static final Set<String> OWN_SETTINGS = Set.of(
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, CommonClientConfigs.CLIENT_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, ProducerConfig.PARTITIONER_CLASS_CONFIG);

    private final String topic;
    private final Duration timeout;
    private final String description;
    private final RegistryState state;
    private final Producer<String, String> producer;
    private final CompactedTopicReader<String, String> reader;
    /** One registration at a time per process, so two threads do not write the same subject record twice. */
    private final Object registerLock = new Object();
    private volatile boolean closed;

    /** Uses the topic, creating it with replication factor min(3, brokers) when missing. */
    public KafkaSchemaRegistry(Map<String, Object> kafkaClientProps, String topic) {
        this(kafkaClientProps, topic, 0, DEFAULT_TIMEOUT);
    }

    /**
     * @param replicationFactor for the topic if it must be created; 0 or less for min(3, brokers)
     */
    public KafkaSchemaRegistry(Map<String, Object> kafkaClientProps, String topic, int replicationFactor) {
        this(kafkaClientProps, topic, replicationFactor, DEFAULT_TIMEOUT);
    }

    /**
     * @param kafkaClientProps connection settings ({@code bootstrap.servers}, security); serializers, client and
     *     group ids are set here
     * @param replicationFactor for the topic if it must be created; 0 or less for min(3, brokers)
     * @param timeout how long one Kafka operation (create topic, write, read to the end) may take
     */
    public KafkaSchemaRegistry(Map<String, Object> kafkaClientProps, String topic, int replicationFactor,
            Duration timeout) {
        Objects.requireNonNull(kafkaClientProps, "kafkaClientProps");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("The schema registry topic must not be empty");
        }
        this.topic = topic;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.description = "the Kafka-backed schema registry (topic " + topic + " at "
                + kafkaClientProps.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ")";
        this.state = new RegistryState(description);

        Map<String, Object> common = new HashMap<>(kafkaClientProps);
        OWN_SETTINGS.forEach(common::remove);
        int instance = INSTANCES.incrementAndGet();
        ensureTopic(common, replicationFactor);

        Producer<String, String> newProducer = null;
        CompactedTopicReader<String, String> newReader = null;
        try {
            newProducer = new KafkaProducer<>(producerProps(common, instance));
            newReader = new CompactedTopicReader<>(topic, consumerProps(common, instance), new StringDeserializer(),
                    new StringDeserializer(), this::apply);
        } catch (RuntimeException e) {
            closeQuietly(newReader);
            closeQuietly(newProducer);
            throw new SchemaRegistryException("Cannot connect " + description + ": " + e.getMessage(), e);
        }
        this.producer = newProducer;
        this.reader = newReader;
        try {
            long started = System.nanoTime();
            catchUp();
            log.info("Loaded {} subjects from schema registry topic {} in {} ms", state.subjects().size(), topic,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        int id = SchemaIds.fingerprintId(schema);
        state.checkNoCollision(id, schema);
        if (state.hasSubjectVersion(subject, id)) {
            return id;
        }
        synchronized (registerLock) {
            catchUp();
            state.checkNoCollision(id, schema);
            if (state.hasSubjectVersion(subject, id)) {
                return id;
            }
            if (!state.hasSchema(id)) {
                write(SCHEMA_KEY_PREFIX + id, json("id", id, "schema", schema.toString()));
            }
            write(SUBJECT_KEY_PREFIX + subject + "/" + id, json("subject", subject, "id", id));
            catchUp();
            state.checkNoCollision(id, schema);
            if (!state.hasSubjectVersion(subject, id)) {
                throw new SchemaRegistryException("Registered schema " + schema.getFullName() + " under subject '"
                        + subject + "' with id " + id + ", but reading " + description + " back did not show it");
            }
            log.info("Registered schema {} with id {} under subject {} in topic {}", schema.getFullName(), id, subject,
                    topic);
            return id;
        }
    }

    /** Writes a tombstone for each of the subject's versions, so that every process (and compaction) forgets them. */
    @Override
    public List<Integer> deleteSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        synchronized (registerLock) {
            catchUp();
            List<Integer> versions = state.versions(subject);
            for (int id : state.ids(subject)) {
                write(SUBJECT_KEY_PREFIX + subject + "/" + id, null);
            }
            catchUp();
            log.info("Deleted subject {} ({} versions) in topic {}", subject, versions.size(), topic);
            return versions;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = state.schema(id);
        if (schema != null) {
            return schema;
        }
        catchUp();
        schema = state.schema(id);
        if (schema == null) {
            throw new UnknownSchemaException(id, description);
        }
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        catchUp();
        return state.latest(subject);
    }

    @Override
    public List<String> subjects() {
        catchUp();
        return state.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        catchUp();
        return state.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        try {
            return state.version(subject, version);
        } catch (UnknownSubjectException | UnknownVersionException e) {
            catchUp();
            return state.version(subject, version);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(reader);
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Closing the producer of {} failed: {}", description, e.toString());
        }
    }

    @Override
    public String toString() {
        return "KafkaSchemaRegistry[topic=" + topic + "]";
    }

    /** Reads the topic up to its current end, which includes every record written before this call. */
    private void catchUp() {
        ensureOpen();
        try {
            reader.awaitCaughtUp(timeout);
        } catch (TimeoutException e) {
            throw new SchemaRegistryException("Timed out after " + timeout.toMillis() + " ms reading topic " + topic
                    + " for " + description + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while reading topic " + topic + " for " + description, e);
        } catch (IllegalStateException e) {
            if (closed) {
                throw new SchemaRegistryException(description + " was closed while reading topic " + topic, e);
            }
            throw new SchemaRegistryException("Cannot read topic " + topic + " for " + description + ": "
                    + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new SchemaRegistryException("Cannot read topic " + topic + " for " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        String value = record.value();
        if (key != null && value == null && key.startsWith(SUBJECT_KEY_PREFIX) && key.lastIndexOf('/') > 0) {
            // a deleted subject version: subject/<subject>/<id>
            int slash = key.lastIndexOf('/');
            try {
                state.removeSubjectVersion(key.substring(SUBJECT_KEY_PREFIX.length(), slash),
                        Integer.parseInt(key.substring(slash + 1)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                log.warn("Ignoring tombstone with unreadable key '{}' at offset {} of {}", key, record.offset(), topic);
            }
            return;
        }
        if (key == null || value == null) {
            log.debug("Skipping record without key or value at offset {} of {}", record.offset(), topic);
            return;
        }
        try {
            JsonNode json = JSON.readTree(value);
            if (key.startsWith(SCHEMA_KEY_PREFIX)) {
                int id = json.get("id").asInt();
                Schema schema = ConfluentRest.parseSchema(json.get("schema").asText(),
                        "record " + key + " at offset " + record.offset() + " of topic " + topic);
                if (SchemaIds.fingerprintId(schema) != id) {
                    log.warn("Schema {} at offset {} of topic {} is stored under id {} but its fingerprint id is {}",
                            schema.getFullName(), record.offset(), topic, id, SchemaIds.fingerprintId(schema));
                }
                try {
                    state.addSchema(id, schema);
                } catch (SchemaIdCollisionException e) {
                    log.error("Ignoring record {} at offset {} of topic {}: {}", key, record.offset(), topic,
                            e.getMessage());
                }
            } else if (key.startsWith(SUBJECT_KEY_PREFIX)) {
                state.addSubjectVersion(json.get("subject").asText(), json.get("id").asInt());
            } else {
                log.warn("Ignoring record with unknown key '{}' at offset {} of topic {}", key, record.offset(), topic);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Ignoring unreadable record {} at offset {} of topic {}: {}", key, record.offset(), topic,
                    e.toString());
        }
    }

    /** Writes one record to the registry partition and waits for all in-sync replicas. */
    private void write(String key, String value) {
        ensureOpen();
        try {
            producer.send(new ProducerRecord<>(topic, PARTITION, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SchemaRegistryException("Cannot write " + key + " to topic " + topic + " for " + description
                    + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SchemaRegistryException("Timed out after " + timeout.toMillis() + " ms writing " + key
                    + " to topic " + topic + " for " + description, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while writing " + key + " to topic " + topic, e);
        } catch (KafkaException e) {
            throw new SchemaRegistryException("Cannot write " + key + " to topic " + topic + " for " + description
                    + ": " + e.getMessage(), e);
        }
    }

    private void ensureTopic(Map<String, Object> common, int replicationFactor) {
        try (Admin admin = Admin.create(common)) {
            try {
                TopicDescription existing = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (existing.partitions().size() != 1) {
                    log.warn("Schema registry topic {} has {} partitions; schemas are written to partition {} only",
                            topic, existing.partitions().size(), PARTITION);
                }
                warnUnlessCompacted(admin);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            short factor = (short) (replicationFactor > 0 ? replicationFactor
                    : Math.min(3, admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size()));
            NewTopic newTopic = new NewTopic(topic, 1, factor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created schema registry topic {} (1 partition, replication factor {}, compacted)", topic,
                        factor);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SchemaRegistryException("Cannot create or inspect topic " + topic + " for " + description + ": "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SchemaRegistryException("Timed out after " + timeout.toMillis() + " ms creating or inspecting topic "
                    + topic + " for " + description + " (is Kafka reachable?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while creating topic " + topic, e);
        } catch (KafkaException e) {
            throw new SchemaRegistryException("Cannot create or inspect topic " + topic + " for " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private void warnUnlessCompacted(Admin admin) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null && !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                log.warn("Schema registry topic {} has cleanup.policy={}; schemas will be deleted when retention "
                        + "expires and old records become unreadable. Set cleanup.policy=compact.", topic,
                        policy.value());
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.debug("Cannot check the cleanup policy of topic {}: {}", topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    private static Map<String, Object> producerProps(Map<String, Object> common, int instance) {
        Map<String, Object> props = new HashMap<>(common);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-producer-" + instance);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private static Map<String, Object> consumerProps(Map<String, Object> common, int instance) {
        Map<String, Object> props = new HashMap<>(common);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + instance);
        // the consumer only fetches while the registry reads to a known offset; a broker holding a fetch open for
        // the default 500 ms would add that to every registration
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        return props;
    }

    private static String json(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
