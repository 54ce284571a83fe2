package org.amiconnect.loader.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest state of every extract run, read from the compacted {@code ami.control.extract-runs} topic without a
 * consumer group (every loader reads all of it). {@link #poll()} waits at most 20 ms, so the loader thread can call it
 * between batches.
 */
final class ExtractRunsView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtractRunsView.class);
    private static final int MAX_POLLS_PER_CALL = 20;
    private static final Duration FIRST_POLL = Duration.ofMillis(20);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<ExtractRun> runs;
    private boolean assigned;

    ExtractRunsView(KafkaClients clients, String topic, SchemaRegistry registry, String clientId) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(clients.consumer(clientId, null), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.runs = new AvroDeserializer<>(registry, ExtractRun.class);
    }

    /** The run states (or tombstones, as null values) that arrived since the last call, by run id. */
    Map<String, ExtractRun> poll() {
        if (!assigned && !assign()) {
            return Map.of();
        }
        Map<String, ExtractRun> changed = new HashMap<>();
        for (int i = 0; i < MAX_POLLS_PER_CALL; i++) {
            // a short wait lets the consumer finish a fetch (or the offset lookup before it) within one call
            var records = consumer.poll(i == 0 ? FIRST_POLL : Duration.ZERO);
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.key() == null) {
                    continue;
                }
                try {
                    changed.put(r.key(), r.value() == null ? null : runs.deserialize(r.topic(), r.value()));
                } catch (RuntimeException e) {
                    log.warn("Skipping undecodable extract run state at {}-{}@{}: {}", r.topic(), r.partition(),
                            r.offset(), e.getMessage());
                }
            }
        }
        return changed;
    }

    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> tps = new ArrayList<>();
        partitions.forEach(p -> tps.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
