package org.amiconnect.transformer;

import org.amiconnect.schemas.model.GeneralMeter;

/** A 64-bit FNV-1a hash of a meter's attributes: cheap change detection for the last-published-meter store. */
final class MeterFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private MeterFingerprint() {
    }

    /** Not an attribute: when the meter was seen, which differs on every row and must not count as a change. */
    private static final int OBSERVED_AT = GeneralMeter.getClassSchema().getField("observed_at").pos();

    static long of(GeneralMeter m) {
        long h = OFFSET;
        for (int i = 0; i < m.getSchema().getFields().size(); i++) {
            if (i == OBSERVED_AT) {
                continue;
            }
            Object v = m.get(i);
            String s = v == null ? "\u0000" : v.toString();
            for (int c = 0; c < s.length(); c++) {
                h = (h ^ s.charAt(c)) * PRIME;
            }
            h = (h ^ 0x1f) * PRIME; // field separator, so ("ab","c") != ("a","bc")
        }
        return h;
    }
}
