package org.amiconnect.transformer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.amiconnect.core.normalize.MeterCapacities;
import org.amiconnect.schemas.model.GeneralMeterRead;

/**
 * The plausibility checks that are cheap in a stream. They flag a read (GeneralMeterRead.quality), never drop it; the
 * vendor's own {@code estimated} flag is kept as it came.
 *
 * <ul>
 *   <li>{@code negative_interval}: an interval volume below zero;</li>
 *   <li>{@code register_backwards}: a register below the newest earlier register of the device (out-of-order reads
 *       are compared only against earlier flowtimes, so late arrivals do not trip it);</li>
 *   <li>{@code implausible_spike}: an interval volume above what a meter of its size can pass in an hour
 *       ({@link MeterCapacities}); meters of unknown size are not checked;</li>
 *   <li>{@code future_flowtime}: a flowtime more than {@link #FUTURE_TOLERANCE} after the transformer's clock.</li>
 * </ul>
 */
final class QualityChecks {

    static final String NEGATIVE_INTERVAL = "negative_interval";
    static final String REGISTER_BACKWARDS = "register_backwards";
    static final String IMPLAUSIBLE_SPIKE = "implausible_spike";
    static final String FUTURE_FLOWTIME = "future_flowtime";
    /** Vendor clocks drift; a read a little ahead of ours is not suspicious. */
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);
    private static final long FUTURE_TOLERANCE_MS = FUTURE_TOLERANCE.toMillis();

    private final Devices devices;
    private final TransformerMetrics metrics;

    QualityChecks(Devices devices, TransformerMetrics metrics) {
        this.devices = devices;
        this.metrics = metrics;
    }

    /**
     * Flags {@code read} and remembers its register in the device's record where it is the newest. The caller has read
     * the record already ({@code stored}, null when there is none) and may have changed what it knows besides the
     * register ({@code known}, not null): the record is written once, and only if it changed.
     *
     * @param deviceKey org|device of {@code read}
     * @param flowtimeMicros the read's flowtime in epoch microseconds
     * @param nowMs the transformer's clock, epoch milliseconds
     * @return the flags of {@code read}, or null when none applies
     */
    List<String> check(GeneralMeterRead read, String deviceKey, long flowtimeMicros, String meterSize, long nowMs,
            DeviceRecord stored, DeviceRecord known) {
        List<String> flags = null;
        Double interval = read.getIntervalValue();
        if (interval != null && interval < 0) {
            flags = flag(flags, NEGATIVE_INTERVAL);
        }
        if (interval != null) {
            OptionalDouble max = MeterCapacities.maxCubicFeetPerHour(meterSize);
            if (max.isPresent() && interval > max.getAsDouble()) {
                flags = flag(flags, IMPLAUSIBLE_SPIKE);
            }
        }
        DeviceRecord next = known;
        Double register = read.getRegisterValue();
        // a late read (before the newest register) is neither compared nor remembered
        if (register != null && (!known.hasRegister() || flowtimeMicros >= known.flowtimeMicros())) {
            if (known.hasRegister() && flowtimeMicros > known.flowtimeMicros() && register < known.register()) {
                flags = flag(flags, REGISTER_BACKWARDS);
            }
            next = known.withRegister(flowtimeMicros, register);
        }
        devices.put(deviceKey, stored, next);
        if (isAfter(read.getFlowtime(), nowMs + FUTURE_TOLERANCE_MS)) {
            flags = flag(flags, FUTURE_FLOWTIME);
        }
        return flags;
    }

    /** {@code t.isAfter(Instant.ofEpochMilli(ms))}, without making the Instant. */
    static boolean isAfter(Instant t, long ms) {
        long seconds = Math.floorDiv(ms, 1000);
        return t.getEpochSecond() > seconds
                || t.getEpochSecond() == seconds && t.getNano() > Math.floorMod(ms, 1000) * 1_000_000;
    }

    /** Most reads have no flag, so the list is made only for the first one. */
    private List<String> flag(List<String> flags, String flag) {
        metrics.flagged(flag);
        List<String> to = flags != null ? flags : new ArrayList<>(2);
        to.add(flag);
        return to;
    }
}
