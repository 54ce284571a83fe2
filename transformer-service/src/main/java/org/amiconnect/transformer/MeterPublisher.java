package org.amiconnect.transformer;

import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes meters to ami.meters keyed org|device, skipping a meter identical to the one last published for its
 * device, which keeps the compacted topic quiet. The fingerprint of the meter last published is kept in the device's
 * {@link DeviceRecord}, read once with the record's read checks; a device whose record has none (state written before
 * the fingerprint moved there) is looked up in the {@code last-meters} store those versions wrote.
 */
final class MeterPublisher {

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, Long> lastMeters;
    private final Devices devices;
    private final String child;
    private final TransformerMetrics metrics;
    private final MeterFingerprint.Last fingerprints = new MeterFingerprint.Last();

    MeterPublisher(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, Long> lastMeters,
            Devices devices, String child, TransformerMetrics metrics) {
        this.context = context;
        this.lastMeters = lastMeters;
        this.devices = devices;
        this.child = child;
        this.metrics = metrics;
    }

    /**
     * Publishes {@code meter} unless it is the device's last published meter. The record's Kafka timestamp is the time
     * it is published; the time its raw record was first published ({@code timestamp}, or the raw record's own
     * {@code ami.original-timestamp} header after a replay) goes into that header, where the loader takes a meter's
     * version time from when the meter has no {@code observed_at} (docs/transformer.md, timestamps).
     *
     * @param timestamp the raw record's Kafka timestamp, epoch milliseconds
     * @param headers the raw record's headers, passed on
     */
    void publish(GeneralMeter meter, long timestamp, Headers headers) {
        String key = RecordKeys.of(meter.getOrgId(), meter.getDeviceId());
        long fingerprint = fingerprints.of(meter);
        DeviceRecord stored = devices.get(key);
        Long last = stored != null && stored.meterKnown() ? Long.valueOf(stored.meterFingerprint())
                : lastMeters.get(key);
        DeviceRecord next = (stored != null ? stored : DeviceRecord.nothingBut(DeviceRecord.UNKNOWN))
                .withMeter(fingerprint);
        // a fingerprint found in last-meters moves into the record, so the device's next rows skip that store
        devices.put(key, stored, next);
        if (last != null && last == fingerprint) {
            metrics.unchangedMeters.incrementAndGet();
            return;
        }
        Headers out = new RecordHeaders(headers.toArray());
        OriginalTimestamp.addIfAbsent(out, timestamp);
        context.forward(new Record<String, SpecificRecord>(key, meter, context.currentSystemTimeMs(), out), child);
        metrics.meters.incrementAndGet();
    }
}
