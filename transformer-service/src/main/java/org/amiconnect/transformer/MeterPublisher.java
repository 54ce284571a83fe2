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
 *
 * <p>When this publisher is the only writer of its task's {@code last-meters} store (a vendor of one raw entity), it
 * remembers the device and fingerprint it last read or wrote there: a row vendor's report lists a meter's reads
 * together, so consecutive rows carry the same meter and skip the store lookup. The memo lives as long as this object,
 * which {@link EntityProcessor#init} makes anew whenever Streams (re)initializes the task's stores.
 */
final class MeterPublisher {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, Long> lastMeters;
    private final String child;
    private final TransformerMetrics metrics;
    private final boolean soleWriter;
    private String knownKey;
    private long knownFingerprint;

    /** @param soleWriter whether no other processor of the task writes {@code lastMeters} */
    MeterPublisher(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, Long> lastMeters,
            String child, TransformerMetrics metrics, boolean soleWriter) {
        this.context = context;
        this.lastMeters = lastMeters;
        this.child = child;
        this.metrics = metrics;
        this.soleWriter = soleWriter;
    }

    void publish(GeneralMeter meter, long timestamp, Headers headers) {
        String key = RecordKeys.of(meter.getOrgId(), meter.getDeviceId());
        long fingerprint = MeterFingerprint.of(meter);
        if (soleWriter && fingerprint == knownFingerprint && key.equals(knownKey)) {
            metrics.unchangedMeters.incrementAndGet();
            return;
        }
        Long last = lastMeters.get(key);
        if (last != null && last == fingerprint) {
            remember(key, fingerprint);
            metrics.unchangedMeters.incrementAndGet();
            return;
        }
        lastMeters.put(key, fingerprint);
        remember(key, fingerprint);
        context.forward(new Record<String, SpecificRecord>(key, meter, timestamp, headers), child);
        metrics.meters.incrementAndGet();
    }

    private void remember(String key, long fingerprint) {
        knownKey = key;
        knownFingerprint = fingerprint;
    }
}
