package org.amiconnect.archiver;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the archiver has done since it started. Thread-safe. */
public final class ArchiverStats {

    private final LongAdder records = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder rebuilt = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicReference<String> lastObject = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void stored(String key, long recordCount, long size, boolean rebuiltExisting) {
        records.add(recordCount);
        objects.increment();
        bytes.add(size);
        if (rebuiltExisting) {
            rebuilt.increment();
        }
        lastObject.set(key);
    }

    void failed(String error) {
        failures.increment();
        lastError.set(error);
    }

    /** Records in stored objects. */
    public long records() {
        return records.sum();
    }

    /** Objects stored. */
    public long objects() {
        return objects.sum();
    }

    /** Bytes stored (compressed). */
    public long bytes() {
        return bytes.sum();
    }

    /** Objects that replaced one already stored under the same key (a retry after a crash before the commit). */
    public long rebuilt() {
        return rebuilt.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public String lastObject() {
        return lastObject.get();
    }

    public String lastError() {
        return lastError.get();
    }

    @Override
    public String toString() {
        return String.format("%,d records in %,d objects (%,d bytes), %,d rebuilt, %,d failures", records(), objects(),
                bytes(), rebuilt(), failures());
    }
}
