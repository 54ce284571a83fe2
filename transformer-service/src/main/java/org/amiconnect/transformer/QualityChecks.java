package org.amiconnect.transformer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.amiconnect.core.normalize.MeterCapacities;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.kafka.streams.state.KeyValueStore;

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

    private final KeyValueStore<String, String> lastRegisters;
    private final TransformerMetrics metrics;

    QualityChecks(KeyValueStore<String, String> lastRegisters, TransformerMetrics metrics) {
        this.lastRegisters = lastRegisters;
        this.metrics = metrics;
    }

    /** @return the flags of {@code read}, or null when none applies; remembers its register for later reads */
    List<String> check(GeneralMeterRead read, String meterSize, Instant now) {
        List<String> flags = new ArrayList<>(0);
        Double interval = read.getIntervalValue();
        if (interval != null && interval < 0) {
            flags.add(NEGATIVE_INTERVAL);
        }
        if (interval != null) {
            OptionalDouble max = MeterCapacities.maxCubicFeetPerHour(meterSize);
            if (max.isPresent() && interval > max.getAsDouble()) {
                flags.add(IMPLAUSIBLE_SPIKE);
            }
        }
        if (registerBackwards(read)) {
            flags.add(REGISTER_BACKWARDS);
        }
        if (read.getFlowtime().isAfter(now.plus(FUTURE_TOLERANCE))) {
            flags.add(FUTURE_FLOWTIME);
        }
        flags.forEach(metrics::flagged);
        return flags.isEmpty() ? null : flags;
    }

    private boolean registerBackwards(GeneralMeterRead read) {
        Double register = read.getRegisterValue();
        if (register == null) {
            return false;
        }
        String key = RecordKeys.of(read.getOrgId(), read.getDeviceId());
        long micros = ReadPublisher.micros(read.getFlowtime());
        String last = lastRegisters.get(key);
        boolean backwards = false;
        if (last != null) {
            int space = last.indexOf(' ');
            long lastMicros = Long.parseLong(last.substring(0, space));
            double lastRegister = Double.parseDouble(last.substring(space + 1));
            if (micros < lastMicros) {
                return false;
            }
            backwards = micros > lastMicros && register < lastRegister;
        }
        lastRegisters.put(key, micros + " " + register);
        return backwards;
    }
}
