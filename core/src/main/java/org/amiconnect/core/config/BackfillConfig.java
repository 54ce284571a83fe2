package org.amiconnect.core.config;

import java.time.LocalDate;

/**
 * Extract a past range in chunks, one chunk per schedule tick.
 *
 * @param orgId the source to backfill
 * @param startDate first day (inclusive, in the source's time zone)
 * @param endDate last day (exclusive, in the source's time zone)
 * @param intervalDays days per chunk
 * @param schedule cron of the chunk runs
 */
public record BackfillConfig(String orgId, LocalDate startDate, LocalDate endDate, int intervalDays, String schedule) {

    /** Stable id of this backfill, used to track its progress. */
    public String id() {
        return orgId + ":" + startDate + ".." + endDate;
    }
}
