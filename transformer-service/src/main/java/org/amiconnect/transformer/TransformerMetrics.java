package org.amiconnect.transformer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what the transformer did since start. Raw records in = raw records normalized + dead letters; reads
 * normalized = reads published + duplicates + halves merged into their other half + reads waiting.
 */
public final class TransformerMetrics {

    final AtomicLong rawRecords = new AtomicLong();
    final AtomicLong meters = new AtomicLong();
    final AtomicLong unchangedMeters = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong skippedReads = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong duplicateReads = new AtomicLong();
    final AtomicLong mergedHalves = new AtomicLong();
    final AtomicLong halvesPublishedAlone = new AtomicLong();
    final AtomicLong waitingForMetadata = new AtomicLong();
    final AtomicLong heldHalves = new AtomicLong();
    final AtomicLong releasedByMetadata = new AtomicLong();
    final AtomicLong publishedWithoutMetadata = new AtomicLong();
    final AtomicLong deadLetteredWithoutMetadata = new AtomicLong();
    final Map<String, AtomicLong> qualityFlags = new ConcurrentHashMap<>();

    public long rawRecords() {
        return rawRecords.get();
    }

    /** Meters published (changed or new). */
    public long meters() {
        return meters.get();
    }

    /** Meters identical to the last one published for the device, and so not published again. */
    public long unchangedMeters() {
        return unchangedMeters.get();
    }

    /** Reads published to ami.meter-reads (an update of an earlier read counts again). */
    public long reads() {
        return reads.get();
    }

    /** Reads a raw record could not carry without being an error (e.g. no read time). */
    public long skippedReads() {
        return skippedReads.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** Reads identical to the one already published for their (org, device, flowtime), and so not published again. */
    public long duplicateReads() {
        return duplicateReads.get();
    }

    /** Register or interval halves that joined their other half before anything was published. */
    public long mergedHalves() {
        return mergedHalves.get();
    }

    /** Halves whose other half did not come within the grace, published alone. */
    public long halvesPublishedAlone() {
        return halvesPublishedAlone.get();
    }

    /**
     * Halves of a read (register or interval) this instance holds while they wait for the other half, counted since
     * it started (halves restored from a previous run's state are not counted, so it can go below zero).
     */
    public long heldHalves() {
        return heldHalves.get();
    }

    /** Raw read records waiting for their meter's metadata (a gauge: up when one waits, down when it leaves). */
    public long waitingForMetadata() {
        return waitingForMetadata.get();
    }

    /** Raw read records that waited and were released when their metadata arrived. */
    public long releasedByMetadata() {
        return releasedByMetadata.get();
    }

    /** Raw read records published without metadata after the grace (vendor rule EMIT_WITHOUT_METADATA). */
    public long publishedWithoutMetadata() {
        return publishedWithoutMetadata.get();
    }

    /** Raw read records dead-lettered after the grace (vendor rule DEAD_LETTER); also counted in deadLetters. */
    public long deadLetteredWithoutMetadata() {
        return deadLetteredWithoutMetadata.get();
    }

    /** Published reads carrying a quality flag, by flag (see {@code GeneralMeterRead.quality}). */
    public long qualityFlag(String flag) {
        AtomicLong n = qualityFlags.get(flag);
        return n == null ? 0 : n.get();
    }

    void flagged(String flag) {
        qualityFlags.computeIfAbsent(flag, f -> new AtomicLong()).incrementAndGet();
    }
}
