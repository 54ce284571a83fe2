package org.amiconnect.extractor;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one extract and publishes it atomically: the run's raw records and its final {@link ExtractRun} state are one
 * Kafka transaction, so a {@code read_committed} consumer sees either all of a run or none of it. The RUNNING state is
 * committed first on its own so operators can see a run in progress; a failed run aborts its records and commits a
 * FAILED state instead.
 */
final class ExtractRunPublisher {

    private static final Logger log = LoggerFactory.getLogger(ExtractRunPublisher.class);

    private final Producer<String, SpecificRecord> producer;
    private final Topics topics;
    private final AdapterCatalog adapters;
    private final Clock clock;

    ExtractRunPublisher(Producer<String, SpecificRecord> producer, Topics topics, AdapterCatalog adapters, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.adapters = adapters;
        this.clock = clock;
    }

    ExtractRun run(ExtractPlan plan, String runId) throws InterruptedException {
        String org = plan.source().orgId();
        Instant created = clock.instant();
        ExtractRun run = ExtractRun.newBuilder()
                .setRunId(runId)
                .setOrgId(org)
                .setSourceType(plan.source().type())
                .setExtractName(plan.extractName())
                .setState(ExtractRunState.RUNNING)
                .setRangeStart(plan.start())
                .setRangeEnd(plan.end())
                .setRequestId(plan.requestId().orElse(null))
                .setRecordsPublished(new HashMap<>())
                .setCreatedAt(created)
                .setUpdatedAt(created)
                .build();
        publishState(run);
        log.info("Run {} started: {} {} [{} .. {})", runId, org, plan.extractName(), plan.start(), plan.end());

        SourceAdapter adapter = adapters.get(plan.source().type());
        Map<String, AtomicLong> published = new HashMap<>();
        byte[] runIdHeader = runId.getBytes(StandardCharsets.UTF_8);
        byte[] orgHeader = org.getBytes(StandardCharsets.UTF_8);
        producer.beginTransaction();
        try (Extractor extractor = adapter.extractor(plan.source())) {
            ExtractSummary summary = extractor.extract(new ExtractWindow(runId, plan.start(), plan.end()),
                    (entity, key, record) -> {
                        String topic = topics.raw(entity);
                        RecordHeaders headers = new RecordHeaders();
                        headers.add(RunHeaders.RUN_ID, runIdHeader);
                        headers.add(RunHeaders.ORG_ID, orgHeader);
                        producer.send(new ProducerRecord<>(topic, null, key, record, headers));
                        published.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
                    });
            ExtractRun done = finished(run, ExtractRunState.SUCCEEDED, published, summary.skipped(), null);
            producer.send(new ProducerRecord<>(topics.extractRuns(), runId, done));
            producer.commitTransaction();
            log.info("Run {} succeeded: {} records published {}", runId, total(published), counts(published));
            return done;
        } catch (ProducerFencedException e) {
            // another extractor instance took over this org's transactional id: it owns the org now
            throw e;
        } catch (ExtractException | RuntimeException e) {
            abort();
            String error = e instanceof ExtractException ? e.getMessage() : e.toString();
            ExtractRun failed = finished(run, ExtractRunState.FAILED, Map.of(), 0, error);
            publishState(failed);
            log.error("Run {} failed: {}", runId, error, e instanceof ExtractException ? null : e);
            return failed;
        } catch (InterruptedException e) {
            abort();
            throw e;
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("Could not abort the run's transaction: {}", e.getMessage());
        }
    }

    private void publishState(ExtractRun state) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topics.extractRuns(), state.getRunId(), state));
        producer.commitTransaction();
    }

    private ExtractRun finished(ExtractRun run, ExtractRunState state, Map<String, AtomicLong> published, long skipped,
            String error) {
        Map<String, Long> counts = new HashMap<>();
        published.forEach((t, n) -> counts.put(t, n.get()));
        return ExtractRun.newBuilder(run)
                .setState(state)
                .setRecordsPublished(counts)
                .setRecordsSkipped(skipped)
                .setError(error)
                .setUpdatedAt(clock.instant())
                .build();
    }

    private static long total(Map<String, AtomicLong> published) {
        return published.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> published) {
        Map<String, Long> m = new HashMap<>();
        published.forEach((t, n) -> m.put(t, n.get()));
        return m;
    }
}
