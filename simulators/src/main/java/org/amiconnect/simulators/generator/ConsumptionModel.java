package org.amiconnect.simulators.generator;

import java.time.Instant;
import java.time.zone.ZoneRules;

/**
 * Closed-form water use of one meter, so any hour can be computed in O(24) without iterating from an epoch.
 *
 * <p>Cumulative use at the start of UTC day d is {@code C(d) = avg*d + weekly(d) + seasonal(d) + noise(d)}: the sine
 * terms change by at most {@code avg*amplitude} per day and the noise is bounded by {@code NOISE*avg}, so with the
 * amplitudes chosen below the daily difference stays positive and the register never runs backwards. A day's total
 * is split over its 24 UTC hours with diurnal weights taken at the hour's local time, perturbed per hour. Leaks add a
 * constant flow during recurring windows whose accumulated volume is also closed form.
 */
final class ConsumptionModel {

    private static final double NOISE = 0.30;
    private static final double WEEK_DAYS = 7.0;
    private static final double YEAR_DAYS = 365.25;
    private static final int SALT_DAY_NOISE = 11;
    private static final int SALT_HOUR_WEIGHT = 12;
    private static final int SALT_QUIET_NIGHT = 13;

    /** Weight of each local hour: morning and evening peaks, almost nothing at night. */
    private static final double[] RESIDENTIAL = {0.15, 0.08, 0.05, 0.05, 0.08, 0.40, 1.60, 2.40, 2.00, 1.30, 1.00, 0.90,
            0.90, 0.80, 0.80, 0.90, 1.10, 1.50, 2.00, 2.20, 1.80, 1.20, 0.60, 0.30};
    /** Business hours, with a small evening tail (cleaning, landscaping). */
    private static final double[] COMMERCIAL = {0.05, 0.05, 0.05, 0.05, 0.05, 0.20, 0.60, 1.40, 1.80, 1.90, 1.90, 1.90,
            1.80, 1.80, 1.80, 1.70, 1.50, 1.20, 0.80, 0.50, 0.30, 0.20, 0.10, 0.05};

    private final long seed;
    private final int meterIndex;
    private final boolean commercial;
    private final double avgDailyCf;
    private final double weeklyAmplitude;
    private final double weeklyPhase;
    private final double seasonalAmplitude;
    private final double seasonalPhase;
    private final long startDay;
    private final double initialRegisterCf;
    private final double curveAtStart;
    private final LeakSchedule leaks;

    ConsumptionModel(long seed, int meterIndex, boolean commercial, double avgDailyCf, double weeklyAmplitude,
                     double weeklyPhase, double seasonalAmplitude, double seasonalPhase, long startDay,
                     double initialRegisterCf, LeakSchedule leaks) {
        if (weeklyAmplitude + seasonalAmplitude + NOISE >= 1.0) {
            throw new IllegalArgumentException("amplitudes would let the register run backwards");
        }
        this.seed = seed;
        this.meterIndex = meterIndex;
        this.commercial = commercial;
        this.avgDailyCf = avgDailyCf;
        this.weeklyAmplitude = weeklyAmplitude;
        this.weeklyPhase = weeklyPhase;
        this.seasonalAmplitude = seasonalAmplitude;
        this.seasonalPhase = seasonalPhase;
        this.startDay = startDay;
        this.initialRegisterCf = initialRegisterCf;
        this.leaks = leaks;
        this.curveAtStart = curve(startDay);
    }

    /** First hour with any use: the start of the UTC day the meter was installed. */
    long firstSlot() {
        return startDay * 24;
    }

    /** Start hour of the leak window running during {@code slot}, or -1 when no leak runs then. */
    long leakWindowStart(long slot) {
        return leaks.activeIn(slot, firstSlot()) ? leaks.windowStart(slot, firstSlot()) : -1;
    }

    private double curve(long day) {
        double d = day - startDay;
        double weekly = weeklyAmplitude * WEEK_DAYS / (2 * Math.PI) * Math.sin(2 * Math.PI * day / WEEK_DAYS + weeklyPhase);
        double seasonal = seasonalAmplitude * YEAR_DAYS / (2 * Math.PI)
                * Math.sin(2 * Math.PI * day / YEAR_DAYS + seasonalPhase);
        double noise = NOISE * Hashing.unit(seed, meterIndex, day, SALT_DAY_NOISE);
        return avgDailyCf * (d + weekly + seasonal + noise);
    }

    /** Use (without leaks) from the meter's start until the start of the UTC day. */
    private double usedBeforeDay(long day) {
        return day <= startDay ? 0.0 : curve(day) - curveAtStart;
    }

    /**
     * Fills cumulative use (without leaks, relative to the start) at the end of each UTC hour of {@code day} and each
     * hour's use. Values are exactly consistent across day boundaries: the last hour ends where the next day starts.
     */
    void fillDay(long day, ZoneRules rules, double[] cumulativeAtHourEnd, double[] hourUse) {
        double start = usedBeforeDay(day);
        double end = usedBeforeDay(day + 1);
        double total = end - start;
        double[] weights = hourUse; // reused as scratch before being overwritten with use
        long dayStartSecond = day * 86_400L;
        int offsetAtStart = rules.getOffset(Instant.ofEpochSecond(dayStartSecond)).getTotalSeconds();
        int offsetAtEnd = rules.getOffset(Instant.ofEpochSecond(dayStartSecond + 86_399L)).getTotalSeconds();
        double[] profile = commercial ? COMMERCIAL : RESIDENTIAL;
        double sum = 0;
        for (int k = 0; k < 24; k++) {
            long slot = day * 24 + k;
            long slotStart = dayStartSecond + k * 3_600L;
            int offset = offsetAtStart == offsetAtEnd ? offsetAtStart
                    : rules.getOffset(Instant.ofEpochSecond(slotStart)).getTotalSeconds();
            int localHour = (int) Math.floorMod(Math.floorDiv(slotStart + offset, 3_600L), 24L);
            double weight = profile[localHour] * (0.4 + 1.2 * Hashing.unit(seed, meterIndex, slot, SALT_HOUR_WEIGHT));
            if (!commercial && localHour >= 1 && localHour <= 4
                    && Hashing.unit(seed, meterIndex, slot, SALT_QUIET_NIGHT) < 0.5) {
                weight = 0; // a sleeping household often uses nothing in a night hour
            }
            weights[k] = weight;
            sum += weight;
        }
        double partial = 0;
        double previous = start;
        for (int k = 0; k < 24; k++) {
            partial += weights[k];
            double cumulative = k == 23 ? end : Math.min(start + total * (partial / sum), end);
            cumulativeAtHourEnd[k] = cumulative;
            hourUse[k] = cumulative - previous;
            previous = cumulative;
        }
    }

    /** Register in CF at the end of hour {@code slot}, given that hour's cumulative use without leaks. */
    double registerCf(long slot, double cumulativeUse) {
        return initialRegisterCf + cumulativeUse + leaks.volumeThrough(slot, firstSlot());
    }

    /** Use in CF during hour {@code slot}, given that hour's use without leaks. */
    double hourFlowCf(long slot, double hourUse) {
        return hourUse + leaks.flowIn(slot, firstSlot());
    }
}
