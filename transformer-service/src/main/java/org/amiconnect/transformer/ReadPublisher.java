package org.amiconnect.transformer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The last step of every read: merge with what is known of the same (org, device, flowtime), de-duplicate, flag
 * quality, publish to ami.meter-reads keyed org|device.
 *
 * <ul>
 *   <li>Merge: a value the new observation lacks (null) is taken from the earlier one, so an update to one half
 *       (register or interval) never blanks the other; a value it has wins (the later observation wins).</li>
 *   <li>Dedup: an observation that changes nothing is not published again.</li>
 *   <li>Halves (vendors whose register and interval come as separate records): the first half waits up to the
 *       vendor's halves grace for the other, then both leave as one read; a lone half is published alone when the
 *       grace passes, and a half arriving later still is merged and published as an update.</li>
 *   <li>Memory: reads are remembered for the vendor's dedup retention, by flowtime before the newest flowtime seen;
 *       older observations are published without merging (the loaders upsert on the same key).</li>
 * </ul>
 */
final class ReadPublisher {

    private static final char SEPARATOR = '\u0001';
    /** The least number of entries one {@link #forgetOld()} pass may visit. */
    static final long FORGET_BUDGET_FLOOR = 10_000;

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, GeneralMeterRead> reads;
    private final KeyValueStore<String, Long> held;
    private final QualityChecks quality;
    private final Devices devices;
    private final JoinRules rules;
    private final String child;
    private final TransformerMetrics metrics;
    private final Function<String, String> meterSizeOf;
    private long newestFlowtimeMicros = Long.MIN_VALUE;
    /** Where the next {@link #forgetOld()} pass starts in the reads store; null = at the store's start. */
    private String forgetCursor;
    /** New keys put into the reads store since the previous {@link #forgetOld()} pass. */
    private long newKeysSinceForget;
    /** Entries the last {@link #forgetOld()} pass visited (observed by tests). */
    int forgetVisits;

    /** @param meterSizeOf org|device → the meter's normalized size, or null; used for halves published later */
    ReadPublisher(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, GeneralMeterRead> reads,
            KeyValueStore<String, Long> held, Devices devices, JoinRules rules, String child,
            TransformerMetrics metrics, Function<String, String> meterSizeOf) {
        this.context = context;
        this.reads = reads;
        this.held = held;
        this.devices = devices;
        this.quality = new QualityChecks(devices, metrics);
        this.rules = rules;
        this.child = child;
        this.metrics = metrics;
        this.meterSizeOf = meterSizeOf;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static String storeKey(String deviceKey, long flowtimeMicros) {
        return deviceKey + SEPARATOR + flowtimeMicros;
    }

    /** Takes one observation of a read. {@code meterSize} may be null (then the size is looked up, if known). */
    void offer(GeneralMeterRead read, String meterSize, Headers headers) {
        // the org|device key and the flowtime's micros are made once here and handed on to the store key, the
        // quality checks and the published record
        String deviceKey = RecordKeys.of(read.getOrgId(), read.getDeviceId());
        long flowtime = micros(read.getFlowtime());
        newestFlowtimeMicros = Math.max(newestFlowtimeMicros, flowtime);
        read.setQuality(null);
        if (flowtime < oldestRemembered()) {
            publish(read, deviceKey, flowtime, meterSize, headers);
            return;
        }
        String key = storeKey(deviceKey, flowtime);
        // one lookup of the device's record serves the dedup below and the register check; a read newer than any of
        // the device's stored reads needs no lookup in the (large, mostly missed) reads store
        DeviceRecord stored = devices.get(deviceKey);
        DeviceRecord device = withKnownStoredUpTo(deviceKey, stored);
        GeneralMeterRead previous = device.certainlyNotStored(flowtime) ? null : reads.get(key);
        GeneralMeterRead merged = previous == null ? read : merge(previous, read);
        if (previous != null && merged.equals(previous)) {
            metrics.duplicateReads.incrementAndGet();
            devices.put(deviceKey, stored, device);
            return;
        }
        // only vendors that read in halves ever hold one, so the others skip the lookup
        boolean waiting = previous != null && rules.readsInHalves() && held.get(key) != null;
        reads.put(key, merged);
        if (previous == null) {
            newKeysSinceForget++;
            device = device.withStoredUpTo(Math.max(device.storedUpToMicros(), flowtime));
        }
        if (rules.readsInHalves() && !complete(merged)) {
            if (waiting) {
                devices.put(deviceKey, stored, device);
                return; // a corrected half, still waiting for the other
            } else if (previous == null) {
                devices.put(deviceKey, stored, device);
                held.put(key, context.currentSystemTimeMs());
                metrics.heldHalves.incrementAndGet();
            } else {
                publish(merged, deviceKey, flowtime, meterSize, headers, stored, device);
            }
            return;
        }
        if (waiting) {
            held.delete(key);
            metrics.heldHalves.decrementAndGet();
            metrics.mergedHalves.incrementAndGet();
        }
        publish(merged, deviceKey, flowtime, meterSize, headers, stored, device);
    }

    /**
     * The device's record ({@code stored}, or a new one when null) with the newest flowtime it has in the reads store
     * known: a record of an earlier version, or a device without one, has it looked up once by a scan of the device's
     * keys (a device without a record may have stored reads in a store written by an earlier version). Written back
     * with the read, every later read of the device knows it.
     */
    private DeviceRecord withKnownStoredUpTo(String deviceKey, DeviceRecord stored) {
        if (stored != null && stored.storedUpToMicros() != DeviceRecord.UNKNOWN) {
            return stored;
        }
        long newest = DeviceRecord.NONE;
        try (KeyValueIterator<String, GeneralMeterRead> it = reads.prefixScan(deviceKey + SEPARATOR,
                new StringSerializer())) {
            while (it.hasNext()) {
                newest = Math.max(newest, flowtimeMicrosOf(it.next().key));
            }
        }
        return stored != null ? stored.withStoredUpTo(newest) : DeviceRecord.nothingBut(newest);
    }

    private static long flowtimeMicrosOf(String storeKey) {
        return Long.parseLong(storeKey.substring(storeKey.lastIndexOf(SEPARATOR) + 1));
    }

    /**
     * Metadata of a meter changed (e.g. a late account version): every remembered read of the meter is enriched again
     * and published where its account or location changed, so the result does not depend on arrival order.
     */
    void refresh(String joinKey, UnaryOperator<GeneralMeterRead> enrich) {
        List<KeyValue<String, GeneralMeterRead>> remembered = new ArrayList<>();
        try (KeyValueIterator<String, GeneralMeterRead> it = reads.prefixScan(joinKey + SEPARATOR,
                new StringSerializer())) {
            it.forEachRemaining(remembered::add);
        }
        for (KeyValue<String, GeneralMeterRead> r : remembered) {
            GeneralMeterRead updated = enrich.apply(GeneralMeterRead.newBuilder(r.value).build());
            if (!updated.equals(r.value)) {
                reads.put(r.key, updated);
                if (held.get(r.key) == null) {
                    publish(updated, null, new RecordHeaders());
                }
            }
        }
    }

    /** Publishes lone halves whose grace has passed; forgets reads older than the dedup retention. */
    void punctuate(long nowMs) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> e = it.next();
                if (e.value + rules.halvesGrace().toMillis() <= nowMs) {
                    due.add(e);
                }
            }
        }
        for (KeyValue<String, Long> e : due) {
            held.delete(e.key);
            metrics.heldHalves.decrementAndGet();
            GeneralMeterRead read = reads.get(e.key);
            if (read != null) {
                metrics.halvesPublishedAlone.incrementAndGet();
                publish(read, null, new RecordHeaders());
            }
        }
    }

    /**
     * Forgets reads older than the dedup retention (not those still waiting for their other half), incrementally: one
     * call visits at most {@link #forgetBudget()} entries of the reads store, starting where the previous call stopped
     * and wrapping to the start of the store, so the cost of forgetting is linear in the reads written rather than in
     * the store size times the number of calls. The budget is at least twice the new keys written since the previous
     * call, so the cursor outruns the store's growth and every entry is visited within a bounded number of calls; an
     * old read is therefore forgotten at most one full pass over the store later than a whole-store scan would.
     */
    void forgetOld() {
        long oldest = oldestRemembered();
        if (oldest == Long.MIN_VALUE) {
            return;
        }
        long budget = forgetBudget();
        newKeysSinceForget = 0;
        String start = forgetCursor;
        List<String> old = new ArrayList<>();
        int visited = 0;
        String next = null; // the first key not visited by this pass, or null when the pass reached the store's end
        try (KeyValueIterator<String, GeneralMeterRead> it = reads.range(start, null)) {
            while (visited < budget && it.hasNext()) {
                visited++;
                collectIfOld(it.next().key, oldest, old);
            }
            next = it.hasNext() ? it.peekNextKey() : null;
        }
        if (next == null && start != null && visited < budget) {
            // wrap around: from the store's start up to (excluding) where this pass began
            try (KeyValueIterator<String, GeneralMeterRead> it = reads.range(null, start)) {
                while (visited < budget && it.hasNext()) {
                    String key = it.peekNextKey();
                    if (key.equals(start)) {
                        break;
                    }
                    it.next();
                    visited++;
                    collectIfOld(key, oldest, old);
                }
                next = it.hasNext() ? it.peekNextKey() : null;
            }
        }
        forgetCursor = next;
        forgetVisits = visited;
        old.forEach(reads::delete);
    }

    /** Entries one {@link #forgetOld()} call may visit: twice the new keys since the previous call, at least a floor. */
    long forgetBudget() {
        return Math.max(FORGET_BUDGET_FLOOR, 2 * newKeysSinceForget);
    }

    private void collectIfOld(String key, long oldest, List<String> old) {
        if (flowtimeMicrosOf(key) < oldest && held.get(key) == null) {
            old.add(key);
        }
    }

    private long oldestRemembered() {
        return newestFlowtimeMicros == Long.MIN_VALUE ? Long.MIN_VALUE
                : newestFlowtimeMicros - rules.dedupRetention().toNanos() / 1000;
    }

    /**
     * Flags and forwards {@code read}. The read is flagged in place rather than copied: every caller hands over an
     * object nobody else holds (a normalizer's output, a store value deserialized for this call, or one already
     * serialized into the store by its put), and the sink serializes it during the forward.
     */
    private void publish(GeneralMeterRead read, String meterSize, Headers headers) {
        publish(read, RecordKeys.of(read.getOrgId(), read.getDeviceId()), micros(read.getFlowtime()), meterSize,
                headers);
    }

    /** As {@link #publish(GeneralMeterRead, String, Headers)}, with the read's org|device key and micros. */
    private void publish(GeneralMeterRead read, String deviceKey, long flowtimeMicros, String meterSize,
            Headers headers) {
        DeviceRecord stored = devices.get(deviceKey);
        publish(read, deviceKey, flowtimeMicros, meterSize, headers, stored,
                stored != null ? stored : DeviceRecord.nothingBut(DeviceRecord.UNKNOWN));
    }

    /**
     * As {@link #publish(GeneralMeterRead, String, long, String, Headers)}, with the device's record as read
     * ({@code stored}) and as {@link #offer} changed it ({@code device}); the record is written once, by the checks.
     * Its Kafka timestamp is the time it is published, whatever the raw record's (docs/transformer.md, timestamps).
     */
    private void publish(GeneralMeterRead read, String deviceKey, long flowtimeMicros, String meterSize,
            Headers headers, DeviceRecord stored, DeviceRecord device) {
        String size = meterSize != null ? meterSize : meterSizeOf.apply(deviceKey);
        long now = context.currentSystemTimeMs();
        read.setQuality(quality.check(read, deviceKey, flowtimeMicros, size, now, stored, device));
        context.forward(new Record<String, SpecificRecord>(deviceKey, read, now, headers), child);
        metrics.reads.incrementAndGet();
    }

    private static boolean complete(GeneralMeterRead read) {
        return read.getRegisterValue() != null && read.getIntervalValue() != null;
    }

    /** Field by field: the newer value where it has one, else the earlier value. */
    static GeneralMeterRead merge(GeneralMeterRead earlier, GeneralMeterRead newer) {
        GeneralMeterRead merged = GeneralMeterRead.newBuilder(earlier).build();
        int fields = merged.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            Object v = newer.get(i);
            if (v != null) {
                merged.put(i, v);
            }
        }
        merged.setQuality(null);
        return merged;
    }
}
