package org.amiconnect.transformer;

import java.time.Clock;
import java.util.Map;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalizes one raw topic. Every input record ends as exactly one of: standard-model records (a meter and its
 * reads) or a dead letter with the reason, so counts in = counts out + dead letters. A meter identical to the one last
 * published for its device is not published again, which keeps the compacted meters topic quiet.
 */
final class NormalizeProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(NormalizeProcessor.class);

    // the children this processor forwards to: the topology adds its sinks under these names
    static final String METERS_SINK = "meters";
    static final String READS_SINK = "meter-reads";
    static final String DEAD_LETTER_SINK = "dead-letters";

    private final String rawTopic;
    private final String storeName;
    private final Deserializer<? extends SpecificRecord> deserializer;
    private final Map<String, Normalizer> normalizersByOrg;
    private final TransformerMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> lastMeters;

    NormalizeProcessor(String rawTopic, String storeName, Deserializer<? extends SpecificRecord> deserializer,
            Map<String, Normalizer> normalizersByOrg, TransformerMetrics metrics, Clock clock) {
        this.rawTopic = rawTopic;
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.normalizersByOrg = normalizersByOrg;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.lastMeters = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.rawRecords.incrementAndGet();
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        SpecificRecord raw;
        try {
            raw = deserializer.deserialize(rawTopic, record.value());
            if (raw == null) {
                throw new IllegalArgumentException("record has no value (tombstone)");
            }
        } catch (RuntimeException e) {
            deadLetter(record, origin, DeadLetters.STAGE_DESERIALIZE, e, null, null, null);
            return;
        }
        ExtractMetadata extract = (ExtractMetadata) raw.get(raw.getSchema().getField("extract").pos());
        String org = extract.getOrgId();
        Normalizer normalizer = normalizersByOrg.get(org);
        if (normalizer == null) {
            deadLetter(record, origin, DeadLetters.STAGE_NORMALIZE, new IllegalStateException("org '" + org
                    + "' has no source in config.yaml, so its records cannot be normalized"), extract);
            return;
        }
        Normalized normalized;
        try {
            normalized = normalizer.normalize(raw);
        } catch (NormalizationException | RuntimeException e) {
            deadLetter(record, origin, DeadLetters.STAGE_NORMALIZE, e, extract);
            return;
        }
        for (GeneralMeter meter : normalized.meters()) {
            String key = RecordKeys.of(meter.getOrgId(), meter.getDeviceId());
            long fingerprint = MeterFingerprint.of(meter);
            Long last = lastMeters.get(key);
            if (last != null && last == fingerprint) {
                metrics.unchangedMeters.incrementAndGet();
            } else {
                lastMeters.put(key, fingerprint);
                context.forward(record.withKey(key).withValue((SpecificRecord) meter), METERS_SINK);
                metrics.meters.incrementAndGet();
            }
        }
        for (GeneralMeterRead read : normalized.reads()) {
            context.forward(record.withKey(RecordKeys.of(read.getOrgId(), read.getDeviceId())).withValue((SpecificRecord) read),
                    READS_SINK);
            metrics.reads.incrementAndGet();
        }
        metrics.skippedReads.addAndGet(normalized.skippedReads());
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata origin, String stage, Exception error,
            ExtractMetadata extract) {
        String source = extract.getSource() + (extract.getSourceRecord() == null ? "" : " row " + extract.getSourceRecord());
        deadLetter(record, origin, stage, error, extract.getOrgId(), extract.getRunId(), source);
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata origin, String stage, Exception error,
            String org, String runId, String source) {
        metrics.deadLetters.incrementAndGet();
        log.warn("Dead letter from {}-{}@{} ({}): {}", origin.topic(), origin.partition(), origin.offset(), stage,
                error.getMessage());
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        SpecificRecord letter = DeadLetters.of(origin, record.key(), record.value(), stage, error, org, runId, source,
                clock.instant());
        context.forward(record.withKey(key).withValue(letter), DEAD_LETTER_SINK);
    }
}
