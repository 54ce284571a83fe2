package org.amiconnect.core.normalize;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises vendor meter sizes to inches as a decimal string ("0.625", "0.75", "1.5", "0.625x0.75"), Sensus type
 * codes to their size, and "Virtual" to itself. The table is the predecessor's; anything not in it maps to nothing
 * (e.g. {@code 8in}, {@code 0.375}, Sensus numeric codes), because a guessed size is worse than none.
 */
public final class MeterSizes {

    private static final Map<String, String> SIZES = new HashMap<>();

    static {
        put("0.375", "3/8", "3/8\"");
        put("0.625", "0.625", "5/8", "5/8\"", "5/8in");
        put("0.75", "0.75", "3/4", "3/4\"", "3/4in");
        put("1", "1", "1.0", "1\"", "1in");
        put("1.5", "1.5", "1.5\"", "1.5in");
        put("2", "2", "2.0", "2\"", "2in");
        put("2.5", "2.5");
        put("3", "3", "3.0", "3\"", "3in");
        put("4", "4", "4.0", "4\"", "4in");
        put("6", "6", "6.0", "6\"", "6in");
        put("8", "8", "8.0", "8\"");
        put("10", "10", "10.0", "10\"");
        put("12", "12", "12.0", "12\"");
        put("0.625x0.75", "5/8x3/4", "5/8 x 3/4", "5/8x3/4in");
        put("3", "W-TSCR3", "W-TSC3", "W-TRB3", "W-CMP3");
        put("4", "W-TSC4", "W-TRB4", "W-CMP4", "W-FM4");
        put("1.5", "W-DSC1.5", "W-TRB1.5");
        put("1", "W-DISC1");
        put("0.75", "W-DISC34");
        put("2", "W-DISC2", "W-RDSC2", "W-TRB2");
        put("6", "W-TRB6", "W-CMP6", "W-FM6", "W-UM6");
        put("8", "W-TRB8", "W-RTRB8", "W-CMP8", "W-FM8", "W-UM8", "W-RUM8");
        put("10", "W-FM10", "W-UM10");
        put("Virtual", "Virtual");
    }

    private MeterSizes() {
    }

    private static void put(String normalized, String... inputs) {
        for (String in : inputs) {
            SIZES.put(in, normalized);
        }
    }

    /** @return the normalised size, or empty when the input is blank or not in the table */
    public static Optional<String> normalize(String vendorSize) {
        if (vendorSize == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SIZES.get(vendorSize.strip()));
    }
}
