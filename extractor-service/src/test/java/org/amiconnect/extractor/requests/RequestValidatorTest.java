package org.amiconnect.extractor.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractTask;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.runs.RunIds;
import org.amiconnect.extractor.schedule.BackfillChunk;
import org.amiconnect.extractor.schedule.BackfillChunks;
import org.amiconnect.extractor.schedule.ScheduledRequests;
import org.amiconnect.schemas.control.ExtractRequest;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final Instant START = Instant.parse("2026-11-01T07:00:00Z");
    private static final RequestValidator VALIDATOR = new RequestValidator(List.of(source("north"), source("south")),
            ExtractorOptions.defaults().withMaxRange(Duration.ofDays(31), Map.of("south", Duration.ofDays(3))));

    @Test
    void aGoodManualRequestBecomesATaskWithTheRequestsRunId() {
        ExtractRequest r = ExtractRequests.manual("north", START, START.plus(Duration.ofDays(2)), "why", "ops", START);

        RequestValidator.Verdict v = VALIDATOR.validate(r);

        assertThat(v.rejected()).isFalse();
        ExtractTask task = v.task().orElseThrow();
        assertThat(task.runId()).isEqualTo(RunIds.forRequest(r));
        assertThat(task.plan().extractName()).isEqualTo("manual");
        assertThat(task.plan().start()).isEqualTo(START);
        assertThat(task.plan().requestId()).contains(r.getRequestId());
    }

    @Test
    void rejectsAnUnknownOrgNamingTheConfiguredOnes() {
        RequestValidator.Verdict v = VALIDATOR.validate(ExtractRequests.manual("west", START, START.plusSeconds(60), null,
                null, START));

        assertThat(v.rejection()).isEqualTo("unknown org 'west'; configured sources: north, south");
        assertThat(v.sourceType()).isEqualTo("unknown");
    }

    @Test
    void rejectsAnEmptyOrBackwardsRange() {
        assertThat(VALIDATOR.validate(ExtractRequests.manual("north", START, START, null, null, START)).rejection())
                .isEqualTo("the range ends (" + START + ") where it starts (" + START + ")");
        assertThat(VALIDATOR.validate(ExtractRequests.manual("north", START, START.minusSeconds(1), null, null, START))
                .rejection()).contains("before it starts");
    }

    @Test
    void rejectsAManualRangeOverTheSourcesMaximumButNotABackfillChunk() {
        assertThat(VALIDATOR.validate(ExtractRequests.manual("south", START, START.plus(Duration.ofDays(4)), null, null,
                START)).rejection()).isEqualTo("the range of 4 days is longer than the 3 days a beacon_360 extract of "
                        + "org 'south' may cover; split it into several requests");
        assertThat(VALIDATOR.validate(ExtractRequests.manual("north", START, START.plus(Duration.ofDays(4)), null, null,
                START)).rejected()).isFalse();

        BackfillConfig backfill = new BackfillConfig("south", java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.of(2025, 3, 1), 30, "0 3 * * *");
        BackfillChunk chunk = BackfillChunks.of(backfill, ZoneId.of("UTC")).get(0);
        assertThat(VALIDATOR.validate(ScheduledRequests.backfillChunk(backfill, chunk, START, START)).rejected()).isFalse();
    }

    private static SourceConfig source(String org) {
        return new SourceConfig("beacon_360", org, ZoneId.of("America/Los_Angeles"), List.of(),
                new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL, Secret.of("u"), Secret.of("p"),
                        Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                List.of(), Optional.empty(), Optional.empty());
    }
}
