package org.amiconnect.transformer;

import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes meters to ami.meters keyed org|device, skipping a meter identical to the one last published for its
 * device, which keeps the compacted topic quiet.
 */
final class MeterPublisher {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, Long> lastMeters;
    private final String child;
    private final TransformerMetrics metrics;
    private final MeterFingerprint.Last fingerprints = new MeterFingerprint.Last();

    MeterPublisher(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, Long> lastMeters,
            String child, TransformerMetrics metrics) {
        this.context = context;
        this.lastMeters = lastMeters;
        this.child = child;
        this.metrics = metrics;
    }

    void publish(GeneralMeter meter, long timestamp, Headers headers) {
        String key = RecordKeys.of(meter.getOrgId(), meter.getDeviceId());
        long fingerprint = fingerprints.of(meter);
        Long last = lastMeters.get(key);
        if (last != null && last == fingerprint) {
            metrics.unchangedMeters.incrementAndGet();
            return;
        }
        lastMeters.put(key, fingerprint);
        context.forward(new Record<String, SpecificRecord>(key, meter, timestamp, headers), child);
        metrics.meters.incrementAndGet();
    }
}
