package org.amiconnect.extractor.runs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the states of the run that answers one request, from the end of {@code ami.control.extract-runs} as it was
 * when the watcher was created: create it before publishing the request so no state is missed.
 */
public final class RunWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<ExtractRun> values;

    public RunWatcher(KafkaClients clients, Topics topics, SchemaRegistry registry) {
        this.values = new AvroDeserializer<>(registry, ExtractRun.class);
        this.consumer = new KafkaConsumer<>(clients.consumer("amiconnect-run-watcher", null), new StringDeserializer(),
                new ByteArrayDeserializer());
        String topic = topics.extractRuns();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the request is published
        partitions.forEach(consumer::position);
    }

    /**
     * Waits for the final state of the run answering {@code requestId}, telling {@code onState} of every state seen.
     *
     * @return the final state, or empty when none came within {@code timeout}
     */
    public Optional<ExtractRun> awaitFinal(String requestId, Duration timeout, Consumer<ExtractRun> onState) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(Math.min(left, 500)))) {
                if (r.value() == null) {
                    continue;
                }
                ExtractRun run = values.deserialize(r.topic(), r.value());
                if (requestId.equals(run.getRequestId())) {
                    onState.accept(run);
                    if (RunStates.isFinal(run)) {
                        return Optional.of(run);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
