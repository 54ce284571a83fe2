package org.amiconnect.core.adapter;

import java.time.Instant;
import java.util.Set;

/**
 * The range one extract run pulls.
 *
 * @param runId the run's id, stamped on every raw record
 * @param start inclusive, UTC
 * @param end exclusive, UTC
 * @param ingestedFiles vendor files that earlier successful runs of the source already published (as the adapter named
 *     them in {@link ExtractSummary#ingestedFiles()}); a file-based extractor skips them. Filled for scheduled runs
 *     only: a manual or backfill extract of a range publishes every file of it again. Empty for API vendors
 */
public record ExtractWindow(String runId, Instant start, Instant end, Set<String> ingestedFiles) {

    public ExtractWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("extract window ends (" + end + ") before it starts (" + start + ")");
        }
        ingestedFiles = ingestedFiles == null ? Set.of() : Set.copyOf(ingestedFiles);
    }

    /** A window that skips no file. */
    public ExtractWindow(String runId, Instant start, Instant end) {
        this(runId, start, end, Set.of());
    }
}
