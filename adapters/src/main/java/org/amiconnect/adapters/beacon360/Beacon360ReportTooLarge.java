package org.amiconnect.adapters.beacon360;

import java.util.regex.Pattern;

import org.amiconnect.core.adapter.ExtractException;

/**
 * Beacon refused a report because its range holds more rows than its cap (about 1.2 million rows, connections × days
 * × 24; python-ami-connect §2.2). The caller can ask again for shorter ranges ({@link Beacon360RangeReports}).
 */
public final class Beacon360ReportTooLarge extends ExtractException {

    /** Beacon's report-status messages about the size cap: "exceeds … rows", "too many rows", "row limit". */
    private static final Pattern CAP = Pattern.compile(
            "(?i)(exceed\\w*\\b.*\\brows?\\b|too (many|large)\\b.*\\brows?\\b|\\brows?\\b.*\\b(limit|maximum|cap)\\b)");

    public Beacon360ReportTooLarge(String message) {
        super(Kind.PERMANENT, message);
    }

    /** Whether an "exception" status message says the report is over the row cap. */
    public static boolean describes(String statusMessage) {
        return statusMessage != null && CAP.matcher(statusMessage).find();
    }
}
