package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Beacon 360 runs of several reports against a real broker: each report is published while the next downloads, and
 * what a {@code read_committed} reader sees of a run that fails part-way is what its committed transactions hold.
 */
class StreamedReportsIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T07:00:00Z");
    private static final Instant DATA_UNTIL = END.plus(Duration.ofDays(1));
    private static final int METERS = 40;
    /** Five hours of rows per report: reports of 5, 5, 5, 5 and 4 hours. */
    private static final long ROW_CAP = METERS * 5L;
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    static ExtractorTestKit kit;

    @BeforeAll
    static void topics() {
        kit = ExtractorTestKit.create("streamed.");
    }

    @Test
    void aRunOfFiveReportsPublishesEveryRowOnceInOneTransaction() throws Exception {
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(METERS, LA, DATA_UNTIL);
                ExtractorService extractor = service("streamed-1", o -> o)) {
            ExtractRun run = manual(extractor, source("five_reports_org", beacon));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(beacon.downloads()).isEqualTo(5);
            assertThat(run.getTransactionsCommitted()).isEqualTo(1);
            List<Beacon360MeterRead> raw = kit.rawRecordsOf(run.getRunId(), true);
            assertThat(raw).hasSize(METERS * 24);
            assertThat(raw.stream().map(r -> r.getEndpointSN() + "@" + r.getReadTime()).distinct()).hasSize(METERS * 24);
            assertThat(temporaryFolders("five_reports_org")).isEmpty();
        }
    }

    @Test
    void aRunThatFailsOnItsThirdReportPublishesNothingVisibleAndLeavesNoTemporaryFile() throws Exception {
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(METERS, LA, DATA_UNTIL);
                ExtractorService extractor = service("streamed-2", o -> o.withMaxAttempts(1))) {
            beacon.failDownloadsFrom(3);
            ExtractRun run = manual(extractor, source("third_report_org", beacon));

            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getError()).contains("third_report_org", "HTTP 500");
            assertThat(kit.rawRecordsOf(run.getRunId(), true)).as("read_committed").isEmpty();
            assertThat(kit.rawRecordsOf(run.getRunId(), false))
                    .as("the first two reports were sent in the transaction the failure aborted").hasSize(METERS * 10);
            assertThat(kit.runStates().get(run.getRunId()).getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(temporaryFolders("third_report_org")).isEmpty();
        }
    }

    @Test
    void aRunLargerThanOneTransactionThatFailsOnItsThirdReportLeavesOnlyItsCommittedBatchesVisible() throws Exception {
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(METERS, LA, DATA_UNTIL);
                ExtractorService extractor = service("streamed-3",
                        o -> o.withMaxAttempts(1).withMaxRecordsPerTransaction(300))) {
            beacon.failDownloadsFrom(3);
            ExtractRun run = manual(extractor, source("batched_failure_org", beacon));

            // 400 rows of the first two reports: one batch of 300 committed, 100 aborted
            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getTransactionsCommitted()).isEqualTo(1);
            assertThat(run.getRecordsPublished()).containsEntry(kit.topics.raw(Beacon360Adapter.METER_READ), 300L);
            assertThat(kit.rawRecordsOf(run.getRunId(), true)).hasSize(300);
            assertThat(temporaryFolders("batched_failure_org")).isEmpty();
        }
    }

    @Test
    void aTransactionOpenWhileTheNextReportIsGeneratedIsCommittedOnceItIsOldNotLeftOpen() throws Exception {
        // two reports of 12 hours, each taking Beacon 150 status polls (at least 3 s) to generate
        try (Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                        .withUtility(11, METERS, LA).withCredentials(ExtractorTestKit.USER, ExtractorTestKit.PASSWORD)
                        .withPollsBeforeDone(150).withClock(Clock.fixed(DATA_UNTIL, LA)));
                ExtractorService extractor = service("streamed-4",
                        o -> o.withMaxTransactionAge(Duration.ofMillis(500)))) {
            ExtractRun run = manual(extractor, source("slow_report_org", beacon, METERS * 12L));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(beacon.downloads()).isEqualTo(2);
            // the first report's rows are committed while the extractor waits for the second, not with its first row
            assertThat(kit.runStateLog().stream().filter(r -> r.getRunId().equals(run.getRunId()))
                    .filter(r -> r.getState() == ExtractRunState.RUNNING).map(RunStates::totalRecords))
                    .contains((long) METERS * 12);
            assertThat(kit.rawRecordsOf(run.getRunId(), true)).hasSize(METERS * 24);
        }
    }

    private static ExtractRun manual(ExtractorService extractor, SourceConfig source) throws InterruptedException {
        return extractor.execute(new ExtractPlan(source, "manual", START, END, Optional.empty()));
    }

    /** A source whose window is asked for in reports of five hours, each HTTP call tried once. */
    private static SourceConfig source(String org, Beacon360Simulator beacon) {
        return source(org, beacon, ROW_CAP);
    }

    /** A source whose window is asked for in reports of at most {@code rowCap} rows, each HTTP call tried once. */
    private static SourceConfig source(String org, Beacon360Simulator beacon, long rowCap) {
        Beacon360Settings settings = new Beacon360Settings(beacon.baseUrl(), Secret.of(ExtractorTestKit.USER),
                Secret.of(ExtractorTestKit.PASSWORD), Duration.ofMillis(20), 500, 1, Duration.ofMillis(20),
                Duration.ofSeconds(30), Optional.empty(), Optional.empty(), rowCap, METERS);
        return new SourceConfig(Beacon360Adapter.TYPE, org, beacon.generator().zone(), List.of(), settings, List.of(),
                Optional.empty(), Optional.of(beacon.baseUrl()));
    }

    private static ExtractorService service(String instance, UnaryOperator<ExtractorOptions> options) {
        return kit.service(Clock.systemUTC(), options.apply(ExtractorTestKit.fastOptions(instance)));
    }

    /** The extract's temporary folders of {@code org} still present. */
    private static List<Path> temporaryFolders(String org) {
        try (Stream<Path> all = Files.list(TMP)) {
            return all.filter(p -> p.getFileName().toString().startsWith("amiconnect-beacon360-" + org + "-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
