package org.amiconnect.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusAssemblerTest {

    static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFreshOrgNeedsNothingAStaleOneAndOneWhoseLatestRunFailedNeedAttention() {
        AmiConnectConfig config = ConfigFiles.in(dir).beacon360("fresh_utility", "u", "p")
                .beacon360("stale_utility", "u", "p").beacon360("failing_utility", "u", "p")
                .set("notifications.stale-after", "36h")
                .set("backfills", List.of(Map.of("org_id", "fresh_utility", "start_date", "2026-01-01",
                        "end_date", "2026-01-31", "interval_days", 10, "schedule", "0 3 * * *")))
                .load();
        var runs = List.of(
                StatusFixtures.run("fresh_utility", "f1", ExtractRunState.SUCCEEDED, NOW, Duration.ofHours(3), null),
                StatusFixtures.run("stale_utility", "s1", ExtractRunState.SUCCEEDED, NOW, Duration.ofDays(9), null),
                StatusFixtures.run("failing_utility", "x1", ExtractRunState.SUCCEEDED, NOW, Duration.ofDays(1), null),
                StatusFixtures.run("failing_utility", "x2", ExtractRunState.FAILED, NOW, Duration.ofHours(1),
                        "Beacon 360 answered HTTP 401"));
        StatusFacts facts = new StatusFacts(Map.of("transformer", 0L), Map.of("failing_utility", 2L),
                Map.of("normalize: NormalizationException", 2L), Map.of(), true,
                Map.of("fresh_utility", NOW.minus(Duration.ofHours(5)), "stale_utility", NOW.minus(Duration.ofDays(9)),
                        "failing_utility", NOW.minus(Duration.ofHours(30))),
                Map.of("fresh_utility", Map.of(LocalDate.parse("2026-11-29"), 480L)), List.of(), List.of());

        StatusReport report = new StatusAssembler(config, AdapterCatalog.load()).assemble(runs, facts, NOW);

        OrgStatus fresh = report.orgs().get(0);
        assertThat(fresh.problems()).isEmpty();
        assertThat(fresh.lastSuccess()).get().extracting(RunLine::runId).isEqualTo("f1");
        assertThat(fresh.nextRun()).get().matches(t -> t.isAfter(NOW) && t.isBefore(NOW.plus(Duration.ofDays(1))));
        assertThat(fresh.backfills()).containsOnlyKeys("fresh_utility:2026-01-01..2026-01-31")
                .allSatisfy((id, p) -> assertThat(p).isEqualTo(new OrgStatus.BackfillProgress(0, 3)));
        assertThat(report.orgs().get(1).problems()).singleElement().asString()
                .startsWith("stale: newest read 2026-11-21T15:00:00Z is older than 36 h");
        OrgStatus failing = report.orgs().get(2);
        assertThat(failing.lastSuccess()).get().extracting(RunLine::runId).isEqualTo("x1");
        assertThat(failing.problems()).containsExactly(
                "extract standard failed (run x2): Beacon 360 answered HTTP 401",
                "2 record(s) dead-lettered in the last 24 h");
        assertThat(report.needsAttention()).isTrue();
        assertThat(report.recentRuns()).extracting(RunLine::runId).containsExactly("x2", "f1", "x1", "s1");
    }

    @Test
    void aFailedRunFollowedByASuccessOfTheSameExtractIsNoLongerAProblem() {
        AmiConnectConfig config = ConfigFiles.in(dir).beacon360("utility", "u", "p").load();
        var runs = List.of(
                StatusFixtures.run("utility", "a", ExtractRunState.FAILED, NOW, Duration.ofHours(5), "timeout"),
                StatusFixtures.run("utility", "b", ExtractRunState.SUCCEEDED, NOW, Duration.ofHours(1), null));
        StatusFacts facts = new StatusFacts(Map.of(), Map.of(), Map.of(), Map.of(), true,
                Map.of("utility", NOW.minus(Duration.ofHours(2))), Map.of(), List.of(), List.of());

        StatusReport report = new StatusAssembler(config, AdapterCatalog.load()).assemble(runs, facts, NOW);

        assertThat(report.orgs().get(0).problems()).isEmpty();
        assertThat(report.needsAttention()).isFalse();
    }
}
