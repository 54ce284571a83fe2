package org.amiconnect.loader;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.amiconnect.loader.sink.BatchResult;

/** Running totals of one loader, safe to read from any thread while the loader updates them. */
public final class LoaderStats {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong recordsConsumed = new AtomicLong();
    private final AtomicLong recordsSkipped = new AtomicLong();
    private final AtomicLong recordsUndecodable = new AtomicLong();
    private final AtomicLong readingsUpserted = new AtomicLong();
    private final AtomicLong metersInserted = new AtomicLong();
    private final AtomicLong metersClosed = new AtomicLong();
    private final Map<String, AtomicLong> rawRowsUpserted = new ConcurrentHashMap<>();
    private volatile String lastError;
    private volatile Instant lastBatchAt;

    /** Batches committed to the warehouse. */
    public long batches() {
        return batches.get();
    }

    /** Batches that failed and were rolled back (their records are read again). */
    public long failedBatches() {
        return failedBatches.get();
    }

    /** Records in committed batches, skipped ones included. */
    public long recordsConsumed() {
        return recordsConsumed.get();
    }

    /** Records of committed batches that wrote no row: other sinks' orgs, tombstones and undecodable records. */
    public long recordsSkipped() {
        return recordsSkipped.get();
    }

    /** The part of {@link #recordsSkipped()} whose value could not be decoded. */
    public long recordsUndecodable() {
        return recordsUndecodable.get();
    }

    public long readingsUpserted() {
        return readingsUpserted.get();
    }

    public long metersInserted() {
        return metersInserted.get();
    }

    public long metersClosed() {
        return metersClosed.get();
    }

    /** Raw rows upserted per raw table. */
    public Map<String, Long> rawRowsUpserted() {
        Map<String, Long> copy = new TreeMap<>();
        rawRowsUpserted.forEach((table, n) -> copy.put(table, n.get()));
        return copy;
    }

    public long rawRowsUpserted(String table) {
        AtomicLong n = rawRowsUpserted.get(table);
        return n == null ? 0 : n.get();
    }

    /** The last failure, as a message. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** When the last batch was committed. */
    public Optional<Instant> lastBatchAt() {
        return Optional.ofNullable(lastBatchAt);
    }

    void batchCommitted(BatchResult result, long records, long skipped, long undecodable) {
        recordsSkipped.addAndGet(skipped);
        recordsUndecodable.addAndGet(undecodable);
        readingsUpserted.addAndGet(result.readingsUpserted());
        metersInserted.addAndGet(result.metersInserted());
        metersClosed.addAndGet(result.metersClosed());
        result.rawRowsUpserted().forEach((table, n) -> rawRowsUpserted.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(n));
        recordsConsumed.addAndGet(records);
        lastBatchAt = Instant.now();
        batches.incrementAndGet();
    }

    void batchFailed(String error) {
        failedBatches.incrementAndGet();
        lastError = error;
    }

    void error(String error) {
        lastError = error;
    }

    @Override
    public String toString() {
        return "LoaderStats[batches=" + batches() + ", failed=" + failedBatches() + ", consumed=" + recordsConsumed()
                + ", skipped=" + recordsSkipped() + ", readings=" + readingsUpserted() + ", metersInserted="
                + metersInserted() + ", metersClosed=" + metersClosed() + ", raw=" + rawRowsUpserted() + "]";
    }
}
