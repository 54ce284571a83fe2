package org.amiconnect.simulators.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One hourly read of a meter: the model's exact values and the vendor's rendering of them. The vendor strings are the
 * source of truth for anything that parses vendor output.
 *
 * @param meter       the meter that took the read
 * @param instant     when the read was taken (UTC hour + the meter's minute)
 * @param localTime   the naive local time the vendor prints (instant in the utility's zone, to the minute); repeats
 *                    on the fall-back day
 * @param registerCf  exact cumulative register in cubic feet at the read
 * @param flowCf      exact use in cubic feet during the hour ending at the read
 * @param estimated   the vendor marked the read as estimated
 * @param leakStart   start of the leak window running during this hour, or null when no leak runs
 * @param readString  register in {@code readUnit}, rounded to the unit's resolution, e.g. "227.6"
 * @param readUnit    the meter's register unit
 * @param rawRead     register digits as on the dials, zero-padded, e.g. "022760"
 * @param flowString  hourly use in {@code flowUnit}, e.g. "5.0"
 * @param flowUnit    the meter's flow unit
 */
public record SimulatedRead(
        SimulatedMeter meter,
        Instant instant,
        LocalDateTime localTime,
        double registerCf,
        double flowCf,
        boolean estimated,
        Instant leakStart,
        String readString,
        String readUnit,
        String rawRead,
        String flowString,
        String flowUnit) {

    public int estimatedFlag() {
        return estimated ? 1 : 0;
    }

    public boolean leaking() {
        return leakStart != null;
    }

    /** The local time as the vendor prints it: "yyyy-MM-dd HH:mm". */
    public String readTimeText() {
        return DecimalText.minutes(localTime);
    }

    /** Cubic feet computed from the vendor strings like the predecessor did: value × unit factor, rounded to 8 places. */
    public double vendorRegisterCf() {
        return toCubicFeet(readString, readUnit);
    }

    /** Cubic feet computed from the vendor flow strings, as {@link #vendorRegisterCf()}. */
    public double vendorFlowCf() {
        return toCubicFeet(flowString, flowUnit);
    }

    private static double toCubicFeet(String value, String unit) {
        double cubicFeet = Double.parseDouble(value) * VendorUnit.byLabel(unit).cubicFeetPerUnit;
        return new BigDecimal(cubicFeet).setScale(8, RoundingMode.HALF_EVEN).doubleValue();
    }
}
