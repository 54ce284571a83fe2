package org.amiconnect.core.normalize;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The most water a meter of a given size can pass in an hour, for the transformer's spike check. Based on the maximum
 * continuous flow rates of AWWA C700 (displacement) and C701 (turbine) meters, in US gallons per minute, doubled as a
 * margin so only physically implausible volumes are flagged.
 */
public final class MeterCapacities {

    private static final double CF_PER_GALLON = 0.133680546;
    private static final double MARGIN = 2.0;

    // normalized size (see MeterSizes) → AWWA maximum continuous flow, gallons per minute
    private static final Map<String, Double> MAX_GPM = Map.ofEntries(
            Map.entry("0.375", 10.0), Map.entry("0.625", 20.0), Map.entry("0.625x0.75", 20.0), Map.entry("0.75", 30.0),
            Map.entry("1", 50.0), Map.entry("1.5", 100.0), Map.entry("2", 160.0), Map.entry("2.5", 250.0),
            Map.entry("3", 350.0), Map.entry("4", 1000.0), Map.entry("6", 2000.0), Map.entry("8", 3500.0),
            Map.entry("10", 5500.0), Map.entry("12", 7500.0));

    private MeterCapacities() {
    }

    /**
     * @param normalizedSize a size as {@link MeterSizes#normalize} returns it, or null
     * @return the largest plausible volume in cubic feet over one hour; empty when the size is unknown (no check)
     */
    public static OptionalDouble maxCubicFeetPerHour(String normalizedSize) {
        Double gpm = normalizedSize == null ? null : MAX_GPM.get(normalizedSize);
        return gpm == null ? OptionalDouble.empty() : OptionalDouble.of(gpm * 60 * CF_PER_GALLON * MARGIN);
    }
}
