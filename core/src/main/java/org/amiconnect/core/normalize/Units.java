package org.amiconnect.core.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Converts vendor volume readings to cubic feet ({@code CF}), the one unit of the standard model, rounded to 8
 * decimal places as the predecessor did.
 *
 * <p>Accepted units, case-insensitive: {@code CF}; {@code CCF} (×100); {@code GALLON}, {@code GALLONS} and {@code GAL}
 * (×0.133680546, i.e. 1/7.48052); {@code KGAL} (×133.680546). {@code GAL} is accepted everywhere: it is the plain
 * abbreviation of gallons, and the predecessor already mapped it for Xylem Data Lake. Anything else is rejected: a
 * guessed unit would silently corrupt consumption figures.
 */
public final class Units {

    public static final String CUBIC_FEET = "CF";

    private static final Map<String, Double> TO_CUBIC_FEET = Map.of(
            "CF", 1.0,
            "CCF", 100.0,
            "GALLON", 0.133680546,
            "GALLONS", 0.133680546,
            "GAL", 0.133680546,
            "KGAL", 133.680546);

    private Units() {
    }

    /** True when {@link #toCubicFeet} accepts the unit. */
    public static boolean isKnown(String unit) {
        return unit != null && TO_CUBIC_FEET.containsKey(unit.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * @return the value in cubic feet, rounded to 8 decimals
     * @throws UnknownUnitException for a unit not in the table
     */
    public static double toCubicFeet(double value, String unit) {
        Double factor = unit == null ? null : TO_CUBIC_FEET.get(unit.trim().toUpperCase(Locale.ROOT));
        if (factor == null) {
            throw new UnknownUnitException(unit);
        }
        return round8(value * factor);
    }

    /** Below this, {@code v × 1e8} has an ulp of at most 1/8, far finer than the half-unit the fast path tests. */
    private static final double FAST_LIMIT = 1e15;

    /**
     * {@code v} rounded half-even to 8 decimals, exactly as Python's {@code round(v, 8)}: it rounds the exact binary
     * value of the double ({@code new BigDecimal(v)}), not its shortest decimal form ({@code BigDecimal.valueOf}), so
     * 12.5 × 0.133680546 is 1.67100683 there and here. A result of zero is {@code +0.0}.
     */
    static double round8(double v) {
        double scaled = v * 1e8;
        if (Math.abs(scaled) < FAST_LIMIT) {
            // scaled is within half an ulp of the exact v × 1e8; away from a half-way point by more than that, its
            // nearest integer n is the exact value's, and n / 1e8 (one correctly rounded division) is the double
            // nearest n × 10^-8, which is what Python returns. The normalizers spend much of their time here.
            double n = Math.rint(scaled);
            if (Math.abs(Math.abs(scaled - n) - 0.5) > 2 * Math.ulp(scaled)) {
                return n == 0 ? 0.0 : n / 1e8;
            }
        }
        return new BigDecimal(v).setScale(8, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The unit is not one AMI Connect can convert to cubic feet. */
    public static final class UnknownUnitException extends IllegalArgumentException {
        public UnknownUnitException(String unit) {
            super("unrecognized unit of measure '" + unit + "'; expected one of CF, CCF, GALLON, GALLONS, GAL, KGAL");
        }
    }
}
