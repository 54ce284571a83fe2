package org.amiconnect.loader.sink;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import org.amiconnect.schemas.model.GeneralMeter;

/**
 * A meter as it was at {@code versionTime}, and where its record was in the meters topic. Versions of one meter are
 * ordered by when the vendor data saw the meter so ({@link #versionTime}), then by their position in the stream
 * (partition, then offset), never by when they arrived: a re-pull of an older window is older even though it arrives
 * later, and of two versions seen at the same time the later record wins. The order is total, so every sink breaks
 * ties the same way (docs/warehouse.md, meter history).
 *
 * @param versionTime the meter's {@code observed_at} (the flowtime of the read it came with), or, when the record has
 *     none, the extract time of the raw record it came from: the record's {@code ami.original-timestamp} header,
 *     which the transformer sets, or for a record of an earlier release without it its Kafka timestamp
 * @param partition the partition of the meter's record, or -1 when unknown
 * @param offset the offset of the meter's record, or -1 when unknown
 */
public record MeterVersion(GeneralMeter meter, Instant versionTime, int partition, long offset) {

    /** The order of versions of one meter: version time, then partition, then offset. */
    public static final Comparator<MeterVersion> ORDER = Comparator.comparing(MeterVersion::versionTime)
            .thenComparingInt(MeterVersion::partition).thenComparingLong(MeterVersion::offset);

    public MeterVersion {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(versionTime, "versionTime");
    }

    /** A version without a known stream position. */
    public MeterVersion(GeneralMeter meter, Instant versionTime) {
        this(meter, versionTime, -1, -1);
    }

    /**
     * The version of a meter read from the meters topic.
     *
     * @param recordTime when the meter's raw record was first published (the record's {@code ami.original-timestamp}
     *     header, else its Kafka timestamp), used when the meter has no {@code observed_at}
     */
    public static MeterVersion of(GeneralMeter meter, Instant recordTime, int partition, long offset) {
        Instant observed = meter.getObservedAt();
        return new MeterVersion(meter, observed != null ? observed : recordTime, partition, offset);
    }

    /** True when this version comes after {@code other} in the meter's history. */
    public boolean isAfter(MeterVersion other) {
        return ORDER.compare(this, other) > 0;
    }
}
