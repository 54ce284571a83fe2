package org.amiconnect.transformer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalizes one raw topic of a vendor and plays the entity's join role. Every input record ends as standard-model
 * records, a wait for its metadata (bounded by the vendor's grace), or a dead letter with its reason, so counts in =
 * counts out + dead letters + waiting.
 *
 * <ul>
 *   <li>{@link EntityRole#ROW}: the record's meters and reads are published (reads through {@link ReadPublisher}).</li>
 *   <li>{@link EntityRole#METADATA}: its partial meters go to the vendor's metadata tables, the merged meter is
 *       published, and reads that waited for the meter are released.</li>
 *   <li>{@link EntityRole#READS}: reads of a meter whose metadata is complete are published with the account and
 *       location (at their flowtime, for point-in-time entities); the others wait as raw bytes until the metadata
 *       arrives or the grace passes (wall clock), then leave as the vendor's {@link AfterGrace} rule says.</li>
 * </ul>
 */
final class EntityProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(EntityProcessor.class);
    static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
    static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final VendorRuntime vendor;
    private final EntityRuntime entity;
    private final TransformerMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private MeterPublisher meters;
    /** The device records; what it remembers is dropped at every entry (process, punctuation). */
    private Devices devices;
    private ReadPublisher reads;
    private MetadataTables metadata;
    private KeyValueStore<String, byte[]> pending;
    private String lastKeyPublishedWithoutMetadata;
    /**
     * Wall-clock ms before which no read waiting for metadata arrived, of those this processor put and those left by
     * its last scan of the pending store; Long.MIN_VALUE until the first scan (reads restored from the changelog).
     * Only READS processors put waiting reads and each scans for its own, so a scan is skipped while none is due.
     */
    private long earliestWaitingMs = Long.MIN_VALUE;
    /** Whole scans of the pending store so far (observed by tests). */
    long waitingScans;

    EntityProcessor(VendorRuntime vendor, EntityRuntime entity, TransformerMetrics metrics) {
        this.vendor = vendor;
        this.entity = entity;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        VendorStores stores = vendor.stores;
        this.devices = new Devices(context.getStateStore(stores.lastRegisters()));
        this.meters = new MeterPublisher(context, context.getStateStore(stores.lastMeters()), devices,
                vendor.metersSink, metrics);
        this.metadata = new MetadataTables(context, stores, vendor.metadataEntities);
        this.reads = new ReadPublisher(context, context.getStateStore(stores.reads()),
                context.getStateStore(stores.heldHalves()), devices, vendor.rules, vendor.readsSink, metrics,
                key -> metadata.latest(key).meterSize());
        if (vendor.joins()) {
            this.pending = context.getStateStore(stores.pendingReads());
        }
        // a re-initialized task (e.g. after TaskCorruptedException) restores its stores from the changelog, which may
        // hold reads this instance had already released: scan at the first punctuation again
        this.earliestWaitingMs = Long.MIN_VALUE;
        EntityRole role = entity.plan.role();
        if (role != EntityRole.METADATA) {
            context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
                devices.forget();
                if (pending != null) {
                    expireWaitingReads(now);
                }
                reads.punctuate(now);
            });
            context.schedule(FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
                devices.forget();
                reads.forgetOld();
            });
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        devices.forget();
        metrics.rawRecords.incrementAndGet();
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        EntityRuntime.Outcome outcome = entity.normalize(record.value());
        if (outcome.failed()) {
            deadLetter(origin.topic(), origin.partition(), origin.offset(), record.key(), record.value(),
                    record.headers(), outcome.stage(), outcome.error(), outcome.extract());
            return;
        }
        Normalized normalized = outcome.normalized();
        metrics.skippedReads.addAndGet(normalized.skippedReads());
        switch (entity.plan.role()) {
            case ROW -> publishRow(normalized, record);
            case METADATA -> describeMeters(normalized, record);
            case READS -> joinReads(normalized, record, origin);
            default -> throw new IllegalStateException(entity.plan.role().toString());
        }
    }

    private void publishRow(Normalized normalized, Record<byte[], byte[]> record) {
        for (GeneralMeter meter : normalized.meters()) {
            meters.publish(meter, record.timestamp(), record.headers());
        }
        for (GeneralMeterRead read : normalized.reads()) {
            reads.offer(read, sizeOf(normalized.meters(), read.getDeviceId()), record.headers());
        }
    }

    private void describeMeters(Normalized normalized, Record<byte[], byte[]> record) {
        for (GeneralMeter partial : normalized.meters()) {
            String key = RecordKeys.of(partial.getOrgId(), partial.getDeviceId());
            if (!metadata.put(entity.name, key, partial, normalized.validFrom())) {
                log.warn("{}: metadata of {} valid from {} is older than the history retention ({}) and was not kept",
                        entity.name, key, normalized.validFrom(), vendor.rules.historyRetention());
            }
            MetadataTables.Latest latest = metadata.latest(key);
            meters.publish(latest.merged(), record.timestamp(), record.headers());
            if (latest.complete()) {
                reads.refresh(key, latest::enrich);
                releaseWaitingReads(key, latest);
            }
        }
    }

    private void joinReads(Normalized normalized, Record<byte[], byte[]> record, RecordMetadata origin) {
        if (normalized.reads().isEmpty()) {
            return;
        }
        GeneralMeterRead first = normalized.reads().get(0);
        String key = RecordKeys.of(first.getOrgId(), first.getDeviceId());
        MetadataTables.Latest latest = metadata.latest(key);
        if (!vendor.joins() || latest.complete()) {
            publishJoined(normalized.reads(), latest, record.headers());
            return;
        }
        PendingRead wait = new PendingRead(context.currentSystemTimeMs(), entity.name, origin.topic(),
                origin.partition(), origin.offset(), record.timestamp(), record.key(), record.value());
        pending.put(PendingRead.storeKey(key, origin.topic(), origin.partition(), origin.offset()), wait.encode());
        earliestWaitingMs = Math.min(earliestWaitingMs, wait.arrivedAtMs());
        metrics.waitingForMetadata.incrementAndGet();
    }

    /** Publishes reads of one meter with its metadata ({@code latest}, which may be incomplete after the grace). */
    private void publishJoined(List<GeneralMeterRead> list, MetadataTables.Latest latest, Headers headers) {
        String size = latest.meterSize();
        for (GeneralMeterRead read : list) {
            reads.offer(latest.enrich(read), size, headers);
        }
    }

    private void releaseWaitingReads(String key, MetadataTables.Latest latest) {
        List<KeyValue<String, byte[]>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.prefixScan(PendingRead.prefix(key),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, byte[]> w : waiting) {
            pending.delete(w.key);
            metrics.waitingForMetadata.decrementAndGet();
            metrics.releasedByMetadata.incrementAndGet();
            leave(PendingRead.decode(w.value), key, latest);
        }
    }

    /**
     * Releases the reads whose metadata grace has passed. The pending store is scanned only when one may be due
     * (by {@link #earliestWaitingMs}), so a large set of young waiting reads is not scanned every second.
     */
    private void expireWaitingReads(long nowMs) {
        long grace = vendor.rules.metadataGrace().toMillis();
        if (earliestWaitingMs != Long.MIN_VALUE && earliestWaitingMs > nowMs - grace) {
            return;
        }
        waitingScans++;
        long earliestLeft = Long.MAX_VALUE;
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> w = it.next();
                long arrived = PendingRead.decode(w.value).arrivedAtMs();
                if (arrived + grace <= nowMs) {
                    due.add(w);
                } else {
                    earliestLeft = Math.min(earliestLeft, arrived);
                }
            }
        }
        earliestWaitingMs = earliestLeft;
        for (KeyValue<String, byte[]> w : due) {
            pending.delete(w.key);
            metrics.waitingForMetadata.decrementAndGet();
            leave(PendingRead.decode(w.value), PendingRead.joinKeyOf(w.key), null);
        }
    }

    /**
     * A waiting read leaves: with its metadata ({@code arrived}), or, when that is null, after the grace as the vendor's
     * rule says.
     */
    private void leave(PendingRead wait, String key, MetadataTables.Latest arrived) {
        EntityRuntime source = vendor.entitiesByName.get(wait.entity());
        EntityRuntime.Outcome outcome = source.normalize(wait.value());
        if (outcome.failed()) { // cannot happen for bytes that normalized before, unless config changed meanwhile
            deadLetter(wait.topic(), wait.partition(), wait.offset(), wait.key(), wait.value(), new RecordHeaders(),
                    outcome.stage(), outcome.error(), outcome.extract());
            return;
        }
        if (arrived == null) {
            String why = "no metadata for meter " + key + " arrived within the grace of " + vendor.rules.metadataGrace()
                    + " (from " + vendor.metadataEntities.stream().map(e -> e.topic).toList() + ")";
            if (vendor.rules.afterGrace() == AfterGrace.DEAD_LETTER) {
                metrics.deadLetteredWithoutMetadata.incrementAndGet();
                deadLetter(wait.topic(), wait.partition(), wait.offset(), wait.key(), wait.value(), new RecordHeaders(),
                        DeadLetters.STAGE_JOIN, new IllegalStateException(why), outcome.extract());
                return;
            }
            metrics.publishedWithoutMetadata.incrementAndGet();
            // one line per meter, not per read: a meter missing from the device list has a read every hour
            if (!key.equals(lastKeyPublishedWithoutMetadata)) {
                lastKeyPublishedWithoutMetadata = key;
                log.warn("{}-{}@{}: {}; published without it (logged once per meter)", wait.topic(), wait.partition(),
                        wait.offset(), why);
            }
        }
        publishJoined(outcome.normalized().reads(), arrived != null ? arrived : metadata.latest(key),
                new RecordHeaders());
    }

    private static String sizeOf(List<GeneralMeter> meters, String deviceId) {
        for (GeneralMeter m : meters) {
            if (m.getDeviceId().equals(deviceId)) {
                return m.getMeterSize();
            }
        }
        return null;
    }

    /** Publishes a dead letter, stamped (Kafka timestamp and {@code failed_at}) with the time it failed. */
    private void deadLetter(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers,
            String stage, Exception error, ExtractMetadata extract) {
        metrics.deadLetters.incrementAndGet();
        log.warn("Dead letter from {}-{}@{} ({}): {}", topic, partition, offset, stage, error.getMessage());
        String k = key == null ? null : new String(key, StandardCharsets.UTF_8);
        long now = context.currentSystemTimeMs();
        SpecificRecord letter = DeadLetters.of(topic, partition, offset, key, value, stage, error, extract,
                Instant.ofEpochMilli(now));
        context.forward(new Record<String, SpecificRecord>(k, letter, now, headers), vendor.deadLetterSink);
    }
}
