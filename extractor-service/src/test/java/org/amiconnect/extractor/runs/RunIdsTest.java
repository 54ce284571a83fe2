package org.amiconnect.extractor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.extractor.schedule.BackfillChunk;
import org.amiconnect.extractor.schedule.BackfillChunks;
import org.amiconnect.extractor.schedule.ScheduledRequests;
import org.amiconnect.schemas.control.ExtractRequest;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final SourceConfig SOURCE = new SourceConfig("beacon_360", "cadc", LA, List.of(),
            new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL, Secret.of("u"), Secret.of("p"), Duration.ofSeconds(1),
                    1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            List.of(), Optional.empty(), Optional.empty());
    private static final ScheduledExtract STANDARD = new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO,
            "0 12 * * *");
    private static final Instant TICK = Instant.parse("2026-03-09T19:00:00Z");

    @Test
    void everyInstanceDerivesTheSameRequestAndRunIdForOneScheduleTick() {
        ExtractRequest a = ScheduledRequests.scheduled(SOURCE, STANDARD, TICK, TICK.plusSeconds(1));
        ExtractRequest b = ScheduledRequests.scheduled(SOURCE, STANDARD, TICK, TICK.plusSeconds(7));

        assertThat(a.getRequestId()).isEqualTo(b.getRequestId()).isEqualTo("schedule:cadc:standard:2026-03-09T19:00:00Z");
        assertThat(RunIds.forRequest(a)).isEqualTo(RunIds.forRequest(b)).matches("cadc\\.standard\\.20260309T190000Z\\.[0-9a-f]{8}");
        assertThat(a.getRangeStart()).isEqualTo(Instant.parse("2026-03-07T19:00:00Z"));
        assertThat(a.getRangeEnd()).isEqualTo(TICK);
    }

    @Test
    void backfillChunkRunIdsNameTheChunkAndDifferPerTick() {
        BackfillConfig backfill = new BackfillConfig("cadc", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), 7, "0 3 * * *");
        BackfillChunk chunk = BackfillChunks.of(backfill, LA).get(2);

        ExtractRequest first = ScheduledRequests.backfillChunk(backfill, chunk, TICK, TICK);
        ExtractRequest retry = ScheduledRequests.backfillChunk(backfill, chunk, TICK.plus(Duration.ofDays(1)), TICK);

        assertThat(first.getRequestId()).isEqualTo("backfill:cadc:2025-01-01..2025-02-01:chunk-3:2026-03-09T19:00:00Z");
        assertThat(RunIds.forRequest(first)).startsWith("cadc.backfill-3.20260309T190000Z.");
        assertThat(RunIds.forRequest(retry)).isNotEqualTo(RunIds.forRequest(first));
        assertThat(first.getChunkCount()).isEqualTo(5);
    }

    @Test
    void manualRequestsAreAllDifferent() {
        Instant now = Instant.parse("2026-11-05T10:00:00Z");
        ExtractRequest a = ExtractRequests.manual("cadc", TICK, TICK.plusSeconds(3600), null, "ops", now);
        ExtractRequest b = ExtractRequests.manual("cadc", TICK, TICK.plusSeconds(3600), null, "ops", now);

        assertThat(a.getRequestId()).isNotEqualTo(b.getRequestId());
        assertThat(RunIds.forRequest(a)).startsWith("cadc.manual.20261105T100000Z.");
    }
}
