package org.amiconnect.transformer;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of what the transformer did since start: raw records in = meters/reads out + dead letters. */
public final class TransformerMetrics {

    final AtomicLong rawRecords = new AtomicLong();
    final AtomicLong meters = new AtomicLong();
    final AtomicLong unchangedMeters = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong skippedReads = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();

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
}
