package org.amiconnect.simulators.generator;

/**
 * Units the simulated vendors print, with the conversion factors the predecessor used (so expected cubic feet can be
 * recomputed from the vendor strings) and the resolution the vendor prints registers and flows with.
 */
enum VendorUnit {
    CCF("CCF", 100.0, 2, 3),
    KGAL("KGAL", 133.680546, 3, 4),
    CF("CF", 1.0, 1, 2),
    GALLONS("Gallons", 0.133680546, 1, 1);

    final String label;
    final double cubicFeetPerUnit;
    final int registerDecimals;
    final int flowDecimals;

    VendorUnit(String label, double cubicFeetPerUnit, int registerDecimals, int flowDecimals) {
        this.label = label;
        this.cubicFeetPerUnit = cubicFeetPerUnit;
        this.registerDecimals = registerDecimals;
        this.flowDecimals = flowDecimals;
    }

    static VendorUnit byLabel(String label) {
        for (VendorUnit unit : values()) {
            if (unit.label.equals(label)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("Unknown vendor unit: " + label);
    }

    /** The value in this unit scaled to an integer at the given number of decimals (half-up). */
    long scaled(double cubicFeet, int decimals) {
        return Math.round(cubicFeet / cubicFeetPerUnit * DecimalText.POW10[decimals]);
    }
}
