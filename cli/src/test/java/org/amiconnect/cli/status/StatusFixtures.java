package org.amiconnect.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

/** Extract runs in known states, for the status tests. */
public final class StatusFixtures {

    private StatusFixtures() {
    }

    /** A standard run of {@code org} that finished {@code ago} before {@code now}, over the two days before that. */
    public static ExtractRun run(String org, String runId, ExtractRunState state, Instant now, Duration ago,
            String error) {
        Instant updated = now.minus(ago);
        return ExtractRun.newBuilder().setRunId(runId).setOrgId(org).setSourceType("beacon_360")
                .setExtractName("standard").setState(state)
                .setRangeStart(updated.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS))
                .setRangeEnd(updated.truncatedTo(java.time.temporal.ChronoUnit.HOURS))
                .setRecordsPublished(Map.of("ami.raw.beacon360.meter-read", state == ExtractRunState.SUCCEEDED
                        ? 480L : 0L))
                .setError(error).setCreatedAt(updated.minusSeconds(42)).setUpdatedAt(updated).build();
    }
}
