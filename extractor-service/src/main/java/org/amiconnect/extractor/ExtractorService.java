package org.amiconnect.extractor;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.extractor.publish.ControlPublisher;
import org.amiconnect.extractor.publish.ExtractRunPublisher;
import org.amiconnect.extractor.publish.OrgProducer;
import org.amiconnect.extractor.runs.RunGuard;
import org.amiconnect.extractor.runs.RunIds;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.core.concurrent.RunLogContext;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.MDC;

/**
 * Runs extracts and publishes their raw records. Each org has its own transactional producer
 * ({@code transactional.id = <prefix>amiconnect-extractor.<org>}), so a restarted or duplicate extractor instance
 * fences the old one and an unfinished run's transaction is aborted rather than half-visible. Within this process an
 * org runs one extract at a time; across processes the request listener's partition ownership sees to that.
 */
public final class ExtractorService implements AutoCloseable {

    private final KafkaClients clients;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final AdapterCatalog adapters;
    private final Clock clock;
    private final ExtractorOptions options;
    private final Map<String, OrgChannel> orgs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private ControlPublisher control;
    private boolean closed;

    /** One org's producer, publisher and lock. */
    private record OrgChannel(ReentrantLock lock, OrgProducer producer, ExtractRunPublisher publisher) {
    }

    public ExtractorService(KafkaClients clients, Topics topics, SchemaRegistry registry, AdapterCatalog adapters, Clock clock) {
        this(clients, topics, registry, adapters, clock, ExtractorOptions.defaults());
    }

    public ExtractorService(KafkaClients clients, Topics topics, SchemaRegistry registry, AdapterCatalog adapters,
            Clock clock, ExtractorOptions options) {
        this.clients = clients;
        this.topics = topics;
        this.registry = registry;
        this.adapters = adapters;
        this.clock = clock;
        this.options = options;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "extract-run-timeouts");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs one extract to the end and returns its final state (SUCCEEDED or FAILED). */
    public ExtractRun execute(ExtractPlan plan) throws InterruptedException {
        String runId = RunIds.next(plan.source().orgId(), plan.extractName(), clock.instant());
        return execute(new ExtractTask(runId, plan, Optional.empty()), new RunGuard());
    }

    /**
     * Runs {@code task} once no other run of its org is going on in this process.
     *
     * @param guard lets another thread stop the run
     * @return the final state, SUCCEEDED or FAILED
     * @throws RunAbandonedException when the run was stopped through {@code guard} (or fenced) without a final state
     */
    public ExtractRun execute(ExtractTask task, RunGuard guard) throws InterruptedException {
        OrgChannel channel = channel(task.plan().source().orgId());
        // every log line of the run carries its org and run id (text logs show them, JSON logs as MDC fields)
        try (MDC.MDCCloseable org = MDC.putCloseable(RunLogContext.ORG, task.plan().source().orgId());
                MDC.MDCCloseable run = MDC.putCloseable(RunLogContext.RUN_ID, task.runId())) {
            channel.lock().lockInterruptibly();
            try {
                return channel.publisher().run(task, guard);
            } finally {
                channel.lock().unlock();
            }
        }
    }

    /** Publishes a state outside any run's transaction (QUEUED, REJECTED). */
    public void publishState(ExtractRun state) {
        control().publish(state);
    }

    /** The producer of requests and QUEUED/REJECTED states, shared by the scheduler and the request listener. */
    public synchronized ControlPublisher control() {
        if (closed) {
            throw new IllegalStateException("the extractor service is closed");
        }
        if (control == null) {
            control = new ControlPublisher(clients, topics, registry, "amiconnect-extractor-control-" + options.instanceId());
        }
        return control;
    }

    private synchronized OrgChannel channel(String orgId) {
        if (closed) {
            throw new IllegalStateException("the extractor service is closed");
        }
        return orgs.computeIfAbsent(orgId, org -> {
            String txId = topics.prefix() + "amiconnect-extractor." + org;
            OrgProducer producer = new OrgProducer(org, () -> new KafkaProducer<String, SpecificRecord>(
                    clients.transactionalProducer("amiconnect-extractor-" + org + "-" + options.instanceId(), txId),
                    new StringSerializer(), new AvroSerializer<>(registry)));
            return new OrgChannel(new ReentrantLock(), producer,
                    new ExtractRunPublisher(producer, topics, adapters, clock, options, watchdog));
        });
    }

    public KafkaClients clients() {
        return clients;
    }

    public Topics topics() {
        return topics;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public AdapterCatalog adapters() {
        return adapters;
    }

    public Clock clock() {
        return clock;
    }

    public ExtractorOptions options() {
        return options;
    }

    @Override
    public synchronized void close() {
        closed = true;
        orgs.values().forEach(c -> c.producer().close());
        orgs.clear();
        if (control != null) {
            control.close();
            control = null;
        }
        watchdog.shutdownNow();
    }
}
