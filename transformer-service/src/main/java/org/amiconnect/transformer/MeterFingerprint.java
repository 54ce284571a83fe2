package org.amiconnect.transformer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.amiconnect.schemas.model.GeneralMeter;

/**
 * A 64-bit FNV-1a hash of a meter's attributes: cheap change detection for the last-published-meter store.
 *
 * <p>The hash is over each attribute's {@code toString()} characters. The {@code last-meters} changelog holds
 * hashes made that way, so it must not change; instants (years 0–9999) are hashed from their ISO-8601 characters
 * as {@link Instant#toString()} writes them, without building the String, because that formatting was the
 * fingerprint's main cost.
 */
final class MeterFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the instants Instant.toString writes without a sign. */
    private static final long FIRST_PLAIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END_PLAIN_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private MeterFingerprint() {
    }

    /** Not an attribute: when the meter was seen, which differs on every row and must not count as a change. */
    private static final int OBSERVED_AT = GeneralMeter.getClassSchema().getField("observed_at").pos();
    private static final int FIELDS = GeneralMeter.getClassSchema().getFields().size();

    static long of(GeneralMeter m) {
        long h = OFFSET;
        for (int i = 0; i < FIELDS; i++) {
            if (i == OBSERVED_AT) {
                continue;
            }
            Object v = m.get(i);
            if (v instanceof Instant t && t.getEpochSecond() >= FIRST_PLAIN_SECOND
                    && t.getEpochSecond() < END_PLAIN_SECOND) {
                h = hashIso(h, t);
            } else {
                h = hash(h, v == null ? "\u0000" : v.toString());
            }
            h = (h ^ 0x1f) * PRIME; // field separator, so ("ab","c") != ("a","bc")
        }
        return h;
    }

    /**
     * The fingerprint of the meter last asked for, reused while a meter's attributes are equal to it (a report lists
     * a meter's rows together, so consecutive rows describe the same meter). Exact: the hash is made again whenever
     * any attribute differs. One per processor, used by one thread.
     */
    static final class Last {
        private final Object[] values = new Object[FIELDS];
        private boolean known;
        private long fingerprint;

        /** {@link MeterFingerprint#of}{@code (m)}. */
        long of(GeneralMeter m) {
            if (known && sameAttributes(m)) {
                return fingerprint;
            }
            for (int i = 0; i < FIELDS; i++) {
                values[i] = i == OBSERVED_AT ? null : m.get(i);
            }
            fingerprint = MeterFingerprint.of(m);
            known = true;
            return fingerprint;
        }

        private boolean sameAttributes(GeneralMeter m) {
            for (int i = 0; i < FIELDS; i++) {
                if (i != OBSERVED_AT && !Objects.equals(values[i], m.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static long hash(long h, CharSequence s) {
        for (int c = 0; c < s.length(); c++) {
            h = (h ^ s.charAt(c)) * PRIME;
        }
        return h;
    }

    private static long hash(long h, char c) {
        return (h ^ c) * PRIME;
    }

    /** Hashes {@code t} as the characters {@code yyyy-MM-ddTHH:mm:ss[.fff|.ffffff|.fffffffff]Z} of Instant.toString. */
    private static long hashIso(long h, Instant t) {
        long seconds = t.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        h = digits(h, date.getYear(), 4);
        h = hash(h, '-');
        h = digits(h, date.getMonthValue(), 2);
        h = hash(h, '-');
        h = digits(h, date.getDayOfMonth(), 2);
        h = hash(h, 'T');
        h = digits(h, secondOfDay / 3600, 2);
        h = hash(h, ':');
        h = digits(h, secondOfDay / 60 % 60, 2);
        h = hash(h, ':');
        h = digits(h, secondOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            h = hash(h, '.');
            if (nano % 1_000_000 == 0) {
                h = digits(h, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                h = digits(h, nano / 1_000, 6);
            } else {
                h = digits(h, nano, 9);
            }
        }
        return hash(h, 'Z');
    }

    /** Hashes the {@code width} decimal digits of {@code value} (0 ≤ value < 10^width), zero-padded. */
    private static long digits(long h, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            h = hash(h, (char) ('0' + value / divisor % 10));
        }
        return h;
    }
}
