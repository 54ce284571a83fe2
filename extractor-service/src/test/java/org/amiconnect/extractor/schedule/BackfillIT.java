package org.amiconnect.extractor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import org.amiconnect.core.config.BackfillConfig;
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
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A backfill of ten one-day chunks, one chunk per hourly tick of an injected clock: its progress is explicit in the run
 * topic, a restarted extractor resumes at the next unfinished chunk, and a finished backfill says so and stops.
 */
class BackfillIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "backfill_utility";
    private static final BackfillConfig BACKFILL = new BackfillConfig(ORG, LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 1, 11), 1, "0 * * * *");
    // a schedule that ticks once a year keeps the source's regular extracts out of the way
    private static final ScheduledExtract YEARLY = new ScheduledExtract("yearly", Duration.ofDays(1), Duration.ZERO,
            "0 12 1 1 *");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int METERS = 4;

    @Test
    void aTenChunkBackfillResumesAfterARestartAtChunkFiveAndStopsWhenDone() throws Exception {
        ExtractorTestKit kit = ExtractorTestKit.create("backfill.");
        MutableClock clock = new MutableClock(Instant.parse("2026-02-01T08:30:00Z"));
        Logger schedulerLog = (Logger) LoggerFactory.getLogger(ExtractScheduler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        schedulerLog.addAppender(logged);
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(METERS, LA, Instant.parse("2026-02-01T00:00:00Z"))) {
            SourceConfig source = ExtractorTestKit.source(ORG, beacon, List.of(YEARLY));

            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("backfill-it"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(BACKFILL),
                            r -> { })) {
                extractor.start();
                for (int chunk = 1; chunk <= 4; chunk++) {
                    awaitSucceeded(extractor, chunk);
                    if (chunk < 4) {
                        clock.advance(Duration.ofHours(1));
                    }
                }
            }
            // stopped after chunk 4; an hourly tick passes while no extractor runs
            clock.advance(Duration.ofHours(1));

            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("backfill-it-restarted"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(BACKFILL),
                            r -> { })) {
                extractor.start();
                awaitSucceeded(extractor, 5);
                List<ExtractRun> afterRestart = chunkRuns(extractor);
                assertThat(afterRestart).extracting(ExtractRun::getChunkIndex).containsExactly(1, 2, 3, 4, 5);
                assertThat(afterRestart.get(4).getInstance()).isEqualTo("backfill-it-restarted");
                assertThat(afterRestart.subList(0, 4)).allSatisfy(r -> assertThat(r.getInstance()).isEqualTo("backfill-it"));

                for (int chunk = 6; chunk <= 10; chunk++) {
                    clock.advance(Duration.ofHours(1));
                    awaitSucceeded(extractor, chunk);
                }
                await().atMost(WAIT).until(() -> logged.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().startsWith("Backfill " + BACKFILL.id() + " is complete")));
                clock.advance(Duration.ofHours(1));
                Thread.sleep(500);
                clock.advance(Duration.ofHours(1));
                Thread.sleep(500);

                List<ExtractRun> runs = chunkRuns(extractor);
                assertThat(runs).extracting(ExtractRun::getChunkIndex).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 10).boxed().toList());
                assertThat(runs).allSatisfy(r -> {
                    assertThat(r.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
                    assertThat(r.getChunkCount()).isEqualTo(10);
                    assertThat(r.getExtractName()).isEqualTo("backfill");
                    assertThat(RunStates.totalRecords(r)).isEqualTo(METERS * 24L);
                });
                // walking backwards: chunk 1 is the last day, chunk 10 the first
                assertThat(runs.get(0).getRangeStart()).isEqualTo(Instant.parse("2026-01-10T08:00:00Z"));
                assertThat(runs.get(0).getRangeEnd()).isEqualTo(Instant.parse("2026-01-11T08:00:00Z"));
                assertThat(runs.get(9).getRangeStart()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
                assertThat(kit.runStateLog().stream().filter(r -> BACKFILL.id().equals(r.getBackfillId())
                        && r.getState() == ExtractRunState.SUCCEEDED)).hasSize(10);
            }
        } finally {
            schedulerLog.detachAppender(logged);
        }
    }

    private static void awaitSucceeded(ExtractorInstance extractor, int chunk) {
        await().atMost(WAIT).until(() -> extractor.history().chunkSucceeded(BACKFILL.id(), chunk));
    }

    private static List<ExtractRun> chunkRuns(ExtractorInstance extractor) {
        return extractor.history().runs().stream()
                .filter(r -> BACKFILL.id().equals(r.getBackfillId()))
                .sorted(java.util.Comparator.comparing(ExtractRun::getChunkIndex))
                .toList();
    }
}
