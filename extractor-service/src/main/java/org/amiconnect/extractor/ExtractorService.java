package org.amiconnect.extractor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs extracts and publishes their raw records. Each org has its own transactional producer
 * ({@code transactional.id = <prefix>amiconnect-extractor.<org>}), so a restarted or duplicate extractor instance
 * fences the old one and an unfinished run's transaction is aborted rather than half-visible.
 */
public final class ExtractorService implements AutoCloseable {

    private final KafkaClients clients;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final AdapterCatalog adapters;
    private final Clock clock;
    private final Map<String, ExtractRunPublisher> publishers = new ConcurrentHashMap<>();
    private final List<Producer<String, SpecificRecord>> producers = new ArrayList<>();

    public ExtractorService(KafkaClients clients, Topics topics, SchemaRegistry registry, AdapterCatalog adapters, Clock clock) {
        this.clients = clients;
        this.topics = topics;
        this.registry = registry;
        this.adapters = adapters;
        this.clock = clock;
    }

    /** Runs one extract to the end and returns its final state (SUCCEEDED or FAILED). */
    public ExtractRun execute(ExtractPlan plan) throws InterruptedException {
        String runId = RunIds.next(plan.source().orgId(), plan.extractName(), clock.instant());
        return publisherFor(plan.source().orgId()).run(plan, runId);
    }

    private synchronized ExtractRunPublisher publisherFor(String orgId) {
        return publishers.computeIfAbsent(orgId, org -> {
            String txId = topics.prefix() + "amiconnect-extractor." + org;
            Producer<String, SpecificRecord> producer = new KafkaProducer<>(
                    clients.transactionalProducer("amiconnect-extractor-" + org, txId),
                    new StringSerializer(), new AvroSerializer<>(registry));
            producer.initTransactions();
            producers.add(producer);
            return new ExtractRunPublisher(producer, topics, adapters, clock);
        });
    }

    @Override
    public synchronized void close() {
        producers.forEach(Producer::close);
        producers.clear();
        publishers.clear();
    }
}
