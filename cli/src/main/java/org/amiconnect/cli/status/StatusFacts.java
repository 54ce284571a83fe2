package org.amiconnect.cli.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What was read from the cluster and the warehouses for a {@link StatusReport}.
 *
 * @param consumerLag per consumer group, records behind (see {@link StatusReport#consumerLag()})
 * @param deadLettersByOrg per org, dead letters of the last 24 h; null when {@code ami.dlq} could not be read
 * @param deadLettersByReason per reason, dead letters of the last 24 h
 * @param deadLettersInSpikeWindow per org, dead letters within {@code notifications.spike-window}
 * @param warehouseRead whether at least one warehouse was read (freshness is judged only then)
 * @param newestFlowtime per org, the newest flowtime in the warehouses (UTC)
 * @param readsPerDay per org, readings per UTC day of flowtime, the last 30 days
 * @param failedChecks failed checks, {@code sink/check: summary}
 * @param notes what could not be read and why
 */
public record StatusFacts(Map<String, Long> consumerLag, Map<String, Long> deadLettersByOrg,
        Map<String, Long> deadLettersByReason, Map<String, Long> deadLettersInSpikeWindow, boolean warehouseRead, Map<String, Instant> newestFlowtime,
        Map<String, Map<LocalDate, Long>> readsPerDay, List<String> failedChecks, List<String> notes) {
}
