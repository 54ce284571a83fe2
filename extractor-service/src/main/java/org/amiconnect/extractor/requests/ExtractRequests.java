package org.amiconnect.extractor.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.amiconnect.schemas.control.ExtractRequest;

/**
 * The manual requests on {@code ami.control.extract-requests} ({@code amiconnect extract}); the scheduler builds its
 * own ({@code schedule.ScheduledRequests}).
 */
public final class ExtractRequests {

    private ExtractRequests() {
    }

    /** A manual extract of {@code [start, end)}; each call is a new request. */
    public static ExtractRequest manual(String orgId, Instant start, Instant end, String reason, String requestedBy,
            Instant now) {
        return ExtractRequest.newBuilder()
                .setRequestId("manual:" + orgId + ":" + UUID.randomUUID())
                .setOrgId(orgId)
                .setRangeStart(start)
                .setRangeEnd(end)
                .setReason(reason)
                .setRequestedBy(requestedBy)
                .setRequestedAt(now)
                .build();
    }

    /**
     * A manual extract of vendor files instead of the vendor's system: the extractor that owns the org publishes them
     * as raw records. The run's range is {@code [now, now]}: the files, not a range, are its data.
     *
     * @param files paths as the extractor sees them (absolute)
     */
    public static ExtractRequest files(String orgId, List<String> files, String reason, String requestedBy, Instant now) {
        return ExtractRequest.newBuilder(manual(orgId, now, now, reason, requestedBy, now))
                .setRequestId("files:" + orgId + ":" + UUID.randomUUID())
                .setFiles(List.copyOf(files))
                .build();
    }
}
