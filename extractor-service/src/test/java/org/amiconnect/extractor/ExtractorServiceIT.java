package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RunHeaders;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Single extract runs against a real broker and the Beacon 360 simulator: published atomically, or not at all. */
class ExtractorServiceIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T07:00:00Z");
    private static final Instant DATA_UNTIL = END.plus(Duration.ofDays(1));
    private static final int METERS = 40;

    static ExtractorTestKit kit;

    @BeforeAll
    static void topics() {
        kit = ExtractorTestKit.create("service.");
    }

    @Test
    void aSuccessfulRunPublishesEveryRowAndItsFinalStateTogether() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-1")) {
            ExtractRun run = extractor.execute(new ExtractPlan(source("good_org", beacon), "manual", START, END,
                    Optional.of("req-1")));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(run.getRecordsPublished()).containsEntry(kit.topics.raw(Beacon360Adapter.METER_READ), METERS * 24L);
            assertThat(run.getTransactionsCommitted()).isEqualTo(1);
            assertThat(run.getAttempt()).isEqualTo(1);
            List<Beacon360MeterRead> raw = kit.rawRecordsOf(run.getRunId(), true);
            assertThat(raw).hasSize(METERS * 24);
            assertThat(raw).allSatisfy(r -> assertThat(r.getExtract().getOrgId()).isEqualTo("good_org"));
            assertThat(statesOf(run.getRunId())).extracting(ExtractRun::getState)
                    .containsExactly(ExtractRunState.RUNNING, ExtractRunState.SUCCEEDED);
            assertThat(kit.runStates().get(run.getRunId()).getRequestId()).isEqualTo("req-1");
        }
    }

    @Test
    void aFailedRunPublishesNoRawRecordsAndSaysWhy() throws Exception {
        try (Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                        .withUtility(3, METERS, LA).withCredentials(ExtractorTestKit.USER, ExtractorTestKit.PASSWORD)
                        .withPollsBeforeDone(1).withClock(Clock.fixed(DATA_UNTIL, LA))
                        .withFailReportWith("Export failed: database timeout"));
                ExtractorService extractor = service("it-2")) {
            ExtractRun run = manual(extractor, source("failing_org", beacon));

            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getError()).contains("failing_org", "Export failed: database timeout");
            assertThat(run.getAttempt()).as("a vendor-side report failure is not retried").isEqualTo(1);
            assertThat(kit.rawRecordsOf(run.getRunId(), false)).isEmpty();
            assertThat(kit.runStates().get(run.getRunId()).getState()).isEqualTo(ExtractRunState.FAILED);
        }
    }

    @Test
    void aRunLargerThanOneTransactionCommitsEachBatchWithItsProgress() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-3", o -> o.withMaxRecordsPerTransaction(300))) {
            ExtractRun run = manual(extractor, source("big_org", beacon));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(run.getTransactionsCommitted()).isEqualTo(4);
            assertThat(statesOf(run.getRunId()))
                    .extracting(ExtractRun::getState, RunStates::totalRecords, ExtractRun::getTransactionsCommitted)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, 0L, 0),
                            org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, 300L, 1),
                            org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, 600L, 2),
                            org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, 900L, 3),
                            org.assertj.core.groups.Tuple.tuple(ExtractRunState.SUCCEEDED, METERS * 24L, 4));
            assertThat(kit.rawRecordsOf(run.getRunId(), true)).hasSize(METERS * 24);
        }
    }

    @Test
    void aRunRecordsTheOffsetAfterItsLastRecordInEveryRawPartitionSoFollowersCanWaitForThem() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-9", o -> o.withMaxRecordsPerTransaction(300))) {
            ExtractRun run = manual(extractor, source("offsets_org", beacon));

            String topic = kit.topics.raw(Beacon360Adapter.METER_READ);
            Map<TopicPartition, Long> expected = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : new TopicReader(kit.clients).readAll(topic)) {
                Header runId = r.headers().lastHeader(RunHeaders.RUN_ID);
                if (runId != null && new String(runId.value(), StandardCharsets.UTF_8).equals(run.getRunId())) {
                    Header[] headers = r.headers().toArray();
                    assertThat(headers[headers.length - 1].key()).as("the run id is the last header")
                            .isEqualTo(RunHeaders.RUN_ID);
                    expected.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                }
            }
            assertThat(expected).isNotEmpty();
            assertThat(RunStates.endOffsets(run)).isEqualTo(expected);
            assertThat(RunStates.endOffsets(kit.runStates().get(run.getRunId()))).isEqualTo(expected);
            // each committed batch's state names how far the run had got, never further than the run's end
            for (ExtractRun progress : statesOf(run.getRunId())) {
                RunStates.endOffsets(progress).forEach((tp, end) -> assertThat(end).isLessThanOrEqualTo(expected.get(tp)));
            }
        }
    }

    @Test
    void anExtractThatFindsNoDataSucceedsWithZeroRecords() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-4")) {
            // the simulated utility has no reads after DATA_UNTIL
            ExtractRun run = extractor.execute(new ExtractPlan(source("quiet_org", beacon), "manual",
                    DATA_UNTIL.plus(Duration.ofDays(3)), DATA_UNTIL.plus(Duration.ofDays(4)), Optional.empty()));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(RunStates.totalRecords(run)).isZero();
            assertThat(run.getError()).isNull();
            assertThat(kit.runStates().get(run.getRunId()).getState()).isEqualTo(ExtractRunState.SUCCEEDED);
        }
    }

    @Test
    void aTransientSourceFailureIsRetriedWithBackoffUntilTheRunSucceeds() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-5", o -> o.withMaxAttempts(3))) {
            // the client itself tries once, so each of the first two attempts meets one HTTP 500
            beacon.failNextDownloads(2);
            ExtractRun run = manual(extractor,
                    source("flaky_org", beacon, ExtractorTestKit.USER, 1));

            assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(run.getAttempt()).isEqualTo(3);
            assertThat(beacon.rangeRequests()).isEqualTo(3);
            assertThat(kit.rawRecordsOf(run.getRunId(), true)).hasSize(METERS * 24);
            List<ExtractRun> states = statesOf(run.getRunId());
            assertThat(states).extracting(ExtractRun::getAttempt).containsExactly(1, 2, 3, 3);
            assertThat(states.get(1).getError()).startsWith("attempt 1 of 3 failed: ").contains("flaky_org", "HTTP 500",
                    "retrying in ");
        }
    }

    @Test
    void aSourceThatKeepsFailingGivesUpAfterMaxAttempts() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-6", o -> o.withMaxAttempts(2))) {
            beacon.failNextDownloads(100);
            ExtractRun run = manual(extractor,
                    source("broken_org", beacon, ExtractorTestKit.USER, 1));

            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getAttempt()).isEqualTo(2);
            assertThat(run.getError()).contains("broken_org", "HTTP 500", "gave up after 2 attempts");
            assertThat(kit.rawRecordsOf(run.getRunId(), false)).isEmpty();
        }
    }

    @Test
    void refusedCredentialsFailAtOnceNamingTheOrgAndTheSource() throws Exception {
        try (Beacon360Simulator beacon = simulator();
                ExtractorService extractor = service("it-7", o -> o.withMaxAttempts(5))) {
            ExtractRun run = manual(extractor,
                    source("locked_org", beacon, "not-the-user", 3));

            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getAttempt()).isEqualTo(1);
            assertThat(run.getError()).startsWith("authentication failed (not retried): ")
                    .contains("beacon_360 source 'locked_org'", "HTTP 401");
            assertThat(beacon.rangeRequests()).as("authenticated requests").isZero();
        }
    }

    @Test
    void aRunOverItsTimeoutIsAbortedAndFailed() throws Exception {
        try (Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                        .withUtility(3, METERS, LA).withCredentials(ExtractorTestKit.USER, ExtractorTestKit.PASSWORD)
                        .withPollsBeforeDone(100_000).withClock(Clock.fixed(DATA_UNTIL, LA)));
                ExtractorService extractor = service("it-8", o -> o.withRunTimeout(Duration.ofMillis(700)))) {
            long started = System.nanoTime();
            ExtractRun run = manual(extractor, source("slow_org", beacon));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(run.getState()).isEqualTo(ExtractRunState.FAILED);
            assertThat(run.getError()).isEqualTo("beacon_360 source 'slow_org': timed out after 700ms (extractor.run-timeout)");
            assertThat(kit.runStates().get(run.getRunId()).getState()).isEqualTo(ExtractRunState.FAILED);
        }
    }

    /** Extracts the test's range of {@code source} as a manual run without a request. */
    private static ExtractRun manual(ExtractorService extractor, SourceConfig source) throws InterruptedException {
        return extractor.execute(new ExtractPlan(source, "manual", START, END, Optional.empty()));
    }

    private static SourceConfig source(String org, Beacon360Simulator beacon) {
        return ExtractorTestKit.source(org, beacon, List.of());
    }

    /** A source whose client logs in as {@code user} and tries each request {@code clientRetries} times. */
    private static SourceConfig source(String org, Beacon360Simulator beacon, String user, int clientRetries) {
        return ExtractorTestKit.source(org, beacon, List.of(), user, clientRetries);
    }

    /** The tests' vendor: {@link #METERS} meters in Los Angeles with data until {@link #DATA_UNTIL}. */
    private static Beacon360Simulator simulator() {
        return ExtractorTestKit.simulator(METERS, LA, DATA_UNTIL);
    }

    /** An extractor instance named {@code instance}, with the fast test options. */
    private static ExtractorService service(String instance) {
        return kit.service(instance);
    }

    /** An extractor instance named {@code instance}, with the fast test options as {@code options} changes them. */
    private static ExtractorService service(String instance, UnaryOperator<ExtractorOptions> options) {
        return kit.service(Clock.systemUTC(), options.apply(ExtractorTestKit.fastOptions(instance)));
    }

    private static List<ExtractRun> statesOf(String runId) {
        return kit.runStateLog().stream().filter(r -> r.getRunId().equals(runId)).toList();
    }
}
