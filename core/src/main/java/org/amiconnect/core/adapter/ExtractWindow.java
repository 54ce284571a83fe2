package org.amiconnect.core.adapter;

import java.time.Instant;

/**
 * The range one extract run pulls.
 *
 * @param runId the run's id, stamped on every raw record
 * @param start inclusive, UTC
 * @param end exclusive, UTC
 */
public record ExtractWindow(String runId, Instant start, Instant end) {

    public ExtractWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("extract window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
