package org.amiconnect.simulators.generator;

/** The simulated utility's meter size mix, as the vendor describes sizes, with typical daily use per size. */
enum MeterSizeClass {
    FIVE_EIGHTHS("5/8\"", "0.625", 0.50, 6, 150, 400, 0.0),
    FIVE_EIGHTHS_BY_THREE_QUARTERS("5/8x3/4", "0.625", 0.10, 6, 150, 400, 0.0),
    THREE_QUARTERS("3/4\"", "0.75", 0.17, 6, 200, 450, 0.05),
    ONE_INCH("1\"", "1", 0.12, 6, 250, 1_500, 0.30),
    ONE_AND_A_HALF("1.5\"", "1.5", 0.05, 7, 1_000, 4_000, 1.0),
    TWO_INCH("2\"", "2", 0.05, 7, 2_000, 8_000, 1.0),
    /** Not in the predecessor's size table: its normalizer maps it to no size. */
    EIGHT_INCH_UNMAPPED("8in", "8", 0.01, 8, 20_000, 100_000, 1.0);

    final String description;
    final String inches;
    final double share;
    final int dials;
    final double minDailyGallons;
    final double maxDailyGallons;
    final double commercialShare;

    MeterSizeClass(String description, String inches, double share, int dials, double minDailyGallons,
                   double maxDailyGallons, double commercialShare) {
        this.description = description;
        this.inches = inches;
        this.share = share;
        this.dials = dials;
        this.minDailyGallons = minDailyGallons;
        this.maxDailyGallons = maxDailyGallons;
        this.commercialShare = commercialShare;
    }

    boolean large() {
        return this == ONE_AND_A_HALF || this == TWO_INCH || this == EIGHT_INCH_UNMAPPED;
    }

    static MeterSizeClass pick(double uniform) {
        double cumulative = 0;
        for (MeterSizeClass size : values()) {
            cumulative += size.share;
            if (uniform < cumulative) {
                return size;
            }
        }
        return FIVE_EIGHTHS;
    }
}
