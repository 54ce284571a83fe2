package org.amiconnect.archiver;

import java.time.Duration;
import java.util.Optional;

import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.core.config.ArchiveSettings;

/**
 * When an archive object is full. Every rule looks only at the records (count, encoded size, Kafka timestamps), never
 * at the clock, so consuming the same records again closes objects at the same offsets.
 *
 * @param maxRecords records per object
 * @param maxBytes encoded bytes per object; a single larger record still gets an object of its own
 * @param interval longest span of record timestamps in one object
 */
public record RotationPolicy(long maxRecords, long maxBytes, Duration interval) {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    public static RotationPolicy of(ArchiveSettings settings) {
        return new RotationPolicy(settings.rotateRecords(), settings.rotateBytes(), settings.rotateInterval());
    }

    /** Whether {@code open} must be closed before a record with this timestamp and encoded size is added. */
    public Optional<CloseReason> closeBefore(ArchiveObjectBuilder open, long timestamp, int size) {
        if (open.records() == 0) {
            return Optional.empty();
        }
        // only a later UTC date (ArchiveKey.dateOf) closes: a timestamp that steps back across midnight stays with its
        // neighbours. Compared as the next midnight in epoch millis: this runs for every record
        if (timestamp >= (open.key().date().toEpochDay() + 1) * MILLIS_PER_DAY) {
            return Optional.of(CloseReason.DATE);
        }
        if (timestamp - open.firstTimestamp() >= interval.toMillis()) {
            return Optional.of(CloseReason.INTERVAL);
        }
        if (open.bytes() + size > maxBytes) {
            return Optional.of(CloseReason.BYTES);
        }
        return Optional.empty();
    }

    /** Whether {@code open} is full after its latest record. */
    public Optional<CloseReason> closeAfter(ArchiveObjectBuilder open) {
        if (open.records() >= maxRecords) {
            return Optional.of(CloseReason.RECORDS);
        }
        if (open.bytes() >= maxBytes) {
            return Optional.of(CloseReason.BYTES);
        }
        return Optional.empty();
    }
}
