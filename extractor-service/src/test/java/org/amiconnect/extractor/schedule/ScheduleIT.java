package org.amiconnect.extractor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.ExtractorInstance;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.ExtractorTestKit;
import org.amiconnect.extractor.MutableClock;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.junit.jupiter.api.Test;

/**
 * Scheduled extracts driven by an injected clock: ticks fire at the source's local time on both sides of a DST change,
 * ticks missed while no extractor ran are made up once, and a tick that already ran is not run again after a restart.
 */
class ScheduleIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "dst_utility";
    // US clocks go forward on Sunday 2026-03-08 at 02:00: 12:00 local is 20:00Z before, 19:00Z after
    private static final ScheduledExtract NOON = new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO,
            "0 12 * * *");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void scheduledExtractsFireAtNoonLocalTimeAcrossTheDstChangeAndMissedTicksRunOnce() throws Exception {
        ExtractorTestKit kit = ExtractorTestKit.create("schedule.");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-07T19:30:00Z"));
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(5, LA, Instant.parse("2026-03-20T00:00:00Z"))) {
            SourceConfig source = ExtractorTestKit.source(ORG, beacon, List.of(NOON));

            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("schedule-it"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(), r -> { })) {
                extractor.start();
                // 11:30 PST on March 7: the latest tick, March 6 12:00 PST, never ran, so it runs now
                awaitTicks(extractor, "2026-03-06T20:00:00Z");

                clock.set(Instant.parse("2026-03-07T20:00:01Z"));
                awaitTicks(extractor, "2026-03-06T20:00:00Z", "2026-03-07T20:00:00Z");

                // 11:59 PDT on March 8 is already 18:59Z; the tick must wait for 12:00 PDT = 19:00Z, not 20:00Z
                clock.set(Instant.parse("2026-03-08T18:59:00Z"));
                Thread.sleep(500);
                assertThat(scheduledRuns(extractor)).hasSize(2);
                clock.set(Instant.parse("2026-03-08T19:00:01Z"));
                awaitTicks(extractor, "2026-03-06T20:00:00Z", "2026-03-07T20:00:00Z", "2026-03-08T19:00:00Z");

                List<ExtractRun> runs = scheduledRuns(extractor);
                assertThat(runs).allSatisfy(r -> {
                    assertThat(r.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
                    assertThat(r.getScheduledFor().atZone(LA).toLocalTime()).isEqualTo(LocalTime.NOON);
                    assertThat(r.getRangeEnd()).isEqualTo(r.getScheduledFor());
                    assertThat(r.getRangeStart()).isEqualTo(r.getScheduledFor().minus(Duration.ofDays(2)));
                    assertThat(RunStates.totalRecords(r)).isEqualTo(5 * 48L);
                });
            }

            // restarted at once: every tick up to now already ran, nothing is asked for again
            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("schedule-it-2"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(), r -> { })) {
                extractor.start();
                extractor.history().awaitCaughtUp(WAIT);
                Thread.sleep(1000);
                assertThat(scheduledRuns(extractor)).hasSize(3);
            }

            // down for three days and a half: the ticks of March 9, 10 and 11 were missed; only the latest runs
            clock.set(Instant.parse("2026-03-12T01:00:00Z"));
            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("schedule-it-3"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(), r -> { })) {
                extractor.start();
                awaitTicks(extractor, "2026-03-06T20:00:00Z", "2026-03-07T20:00:00Z", "2026-03-08T19:00:00Z",
                        "2026-03-11T19:00:00Z");
                Thread.sleep(500);
                assertThat(scheduledRuns(extractor)).hasSize(4);
            }
        }
    }

    private static void awaitTicks(ExtractorInstance extractor, String... ticks) {
        List<Instant> expected = java.util.Arrays.stream(ticks).map(Instant::parse).toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduledRuns(extractor))
                .extracting(ExtractRun::getScheduledFor).containsExactlyElementsOf(expected));
        await().atMost(WAIT).until(() -> scheduledRuns(extractor).stream().allMatch(RunStates::isFinal));
    }

    private static List<ExtractRun> scheduledRuns(ExtractorInstance extractor) {
        return extractor.history().runs().stream()
                .filter(r -> ORG.equals(r.getOrgId()) && "standard".equals(r.getExtractName()))
                .sorted(Comparator.comparing(ExtractRun::getScheduledFor))
                .toList();
    }
}
