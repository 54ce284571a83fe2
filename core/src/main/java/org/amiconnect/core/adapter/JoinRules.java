package org.amiconnect.core.adapter;

import java.time.Duration;

/**
 * A vendor's grace and ordering rules in the transformer. Every duration is measured on the transformer's wall clock
 * from the moment the record arrived, so a quiet topic still releases what waits.
 *
 * @param metadataGrace how long a read waits for its meter's metadata before {@link #afterGrace} applies
 * @param afterGrace what a read whose metadata is still missing after the grace becomes
 * @param readsInHalves the vendor sends register and interval values of one (device, flowtime) as separate records:
 *     the first half waits up to {@link #halvesGrace} for the other, so both usually leave as one read
 * @param halvesGrace how long a lone half waits for the other before it is published alone
 * @param dedupRetention how long (by flowtime, before the newest flowtime seen) the last published read of each
 *     (org, device, flowtime) is remembered for de-duplication and merging; older re-deliveries are published again
 *     (the loaders upsert, so that costs a write, never a duplicate row)
 * @param historyRetention how far back point-in-time metadata versions are kept, measured from the newest validity
 *     start seen; a version older than that is not kept (and a warning says so). Metadata without a validity start is
 *     stored as valid from 1970-01-01, so keep this above the time since then (the default is 100 years)
 */
public record JoinRules(Duration metadataGrace, AfterGrace afterGrace, boolean readsInHalves, Duration halvesGrace,
        Duration dedupRetention, Duration historyRetention) {

    /** No joins, no halves; de-duplication over a week of flowtimes. */
    public static final JoinRules WHOLE_ROWS = new JoinRules(Duration.ZERO, AfterGrace.EMIT_WITHOUT_METADATA, false,
            Duration.ZERO, Duration.ofDays(7), Duration.ofDays(36_500));
}
