package org.amiconnect.loader.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.amiconnect.core.kafka.CompactedTopicReader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest state of every extract run, read from the compacted {@code ami.control.extract-runs} topic without a
 * consumer group (every loader reads all of it), on the loader's own thread (a {@link CompactedTopicReader} in
 * explicit mode). {@link #poll()} waits at most 20 ms, so the loader thread can call it between batches.
 */
final class ExtractRunsView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtractRunsView.class);
    /** A short wait lets the consumer finish a fetch (or the offset lookup before it) within one call. */
    private static final Duration FIRST_POLL = Duration.ofMillis(20);

    private final CompactedTopicReader<String, byte[]> reader;
    private final AvroDeserializer<ExtractRun> runs;
    /** What the reader delivered during the current {@link #poll()}. */
    private final Map<String, ExtractRun> changed = new HashMap<>();

    ExtractRunsView(KafkaClients clients, String topic, SchemaRegistry registry, String clientId) {
        this.runs = new AvroDeserializer<>(registry, ExtractRun.class);
        this.reader = new CompactedTopicReader<>(topic, clients.consumer(clientId, null), new StringDeserializer(),
                new ByteArrayDeserializer(), this::collect);
    }

    /** The run states (or tombstones, as null values) that arrived since the last call, by run id. */
    Map<String, ExtractRun> poll() {
        changed.clear();
        reader.poll(FIRST_POLL);
        return new HashMap<>(changed);
    }

    private void collect(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        try {
            changed.put(r.key(), r.value() == null ? null : runs.deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable extract run state at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
