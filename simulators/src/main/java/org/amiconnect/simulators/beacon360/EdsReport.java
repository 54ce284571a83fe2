package org.amiconnect.simulators.beacon360;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One requested report: its local-time range, the columns in the order they will be written, and the instant that
 * bounds its reads (a report is a snapshot of what the vendor knew when it was requested).
 */
final class EdsReport {

    private final String uuid;
    private final LocalDateTime startInclusive;
    private final LocalDateTime endExclusive;
    private final List<BeaconColumn> columns;
    private final Instant requestedAt;
    private final String reportPath;
    private final AtomicInteger polls = new AtomicInteger();
    private volatile boolean finished;

    EdsReport(String uuid, LocalDateTime startInclusive, LocalDateTime endExclusive, List<BeaconColumn> columns,
              Instant requestedAt, String reportPath) {
        this.uuid = uuid;
        this.startInclusive = startInclusive;
        this.endExclusive = endExclusive;
        this.columns = List.copyOf(columns);
        this.requestedAt = requestedAt;
        this.reportPath = reportPath;
    }

    String uuid() {
        return uuid;
    }

    LocalDateTime startInclusive() {
        return startInclusive;
    }

    LocalDateTime endExclusive() {
        return endExclusive;
    }

    List<BeaconColumn> columns() {
        return columns;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    String reportPath() {
        return reportPath;
    }

    /** Counts a status poll and returns how many polls this report has seen, this one included. */
    int poll() {
        return polls.incrementAndGet();
    }

    /** The report can be downloaded once a status poll has answered "done". */
    boolean finished() {
        return finished;
    }

    void markFinished() {
        finished = true;
    }
}
