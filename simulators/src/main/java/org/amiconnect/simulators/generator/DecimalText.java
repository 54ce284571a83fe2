package org.amiconnect.simulators.generator;

import java.time.LocalDateTime;

/** Allocation-light text rendering for the hot read path (millions of values per report). */
final class DecimalText {

    static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L};

    private DecimalText() {
    }

    /**
     * Renders {@code scaled / 10^decimals} the way the vendor prints floats: trailing zeros dropped but at least one
     * decimal kept ("227.6", "5.0", "0.125").
     */
    static String decimal(long scaled, int decimals) {
        if (decimals == 0) {
            return scaled + ".0";
        }
        long integerPart = scaled / POW10[decimals];
        long fraction = scaled % POW10[decimals];
        int kept = decimals;
        while (kept > 1 && fraction % 10 == 0) {
            fraction /= 10;
            kept--;
        }
        StringBuilder text = new StringBuilder(24).append(integerPart).append('.');
        appendPadded(text, fraction, kept);
        return text.toString();
    }

    /** The last {@code width} digits of {@code value}, zero-padded: an odometer-style dial reading. */
    static String dials(long value, int width) {
        StringBuilder text = new StringBuilder(width);
        appendPadded(text, value % POW10[width], width);
        return text.toString();
    }

    /** "yyyy-MM-dd HH:mm", the vendor's naive local timestamp format. */
    static String minutes(LocalDateTime time) {
        StringBuilder text = new StringBuilder(16);
        appendPadded(text, time.getYear(), 4);
        text.append('-');
        appendPadded(text, time.getMonthValue(), 2);
        text.append('-');
        appendPadded(text, time.getDayOfMonth(), 2);
        text.append(' ');
        appendPadded(text, time.getHour(), 2);
        text.append(':');
        appendPadded(text, time.getMinute(), 2);
        return text.toString();
    }

    private static void appendPadded(StringBuilder text, long value, int width) {
        for (int digits = digitCount(value); digits < width; digits++) {
            text.append('0');
        }
        text.append(value);
    }

    private static int digitCount(long value) {
        int digits = 1;
        while (digits < POW10.length && value >= POW10[digits]) {
            digits++;
        }
        return digits;
    }
}
