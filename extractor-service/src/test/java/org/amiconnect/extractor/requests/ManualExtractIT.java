package org.amiconnect.extractor.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.ExtractorTestKit;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.extractor.runs.RunIds;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.extractor.runs.RunWatcher;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.StockKafkaTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Manual extracts through {@code ami.control.extract-requests}: an extractor instance takes each request, runs it and
 * publishes its states; bad requests are rejected with their reason and the instance keeps going.
 */
class ManualExtractIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant NOW = Instant.parse("2026-11-09T20:00:00Z");
    private static final Instant NOV_3 = Instant.parse("2026-11-03T08:00:00Z");
    private static final Instant NOV_5 = Instant.parse("2026-11-05T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int METERS = 10;

    static ExtractorTestKit kit;
    static Beacon360Simulator beacon;
    static ExtractorService service;
    static RunHistory history;
    static ExtractRequestListener listener;

    @BeforeAll
    static void startExtractor() throws Exception {
        kit = ExtractorTestKit.create("manual.");
        beacon = ExtractorTestKit.simulator(METERS, LA, NOW);
        List<SourceConfig> sources = List.of(ExtractorTestKit.source("north_utility", beacon, List.of()),
                ExtractorTestKit.source("south_utility", beacon, List.of()));
        service = kit.service(Clock.systemUTC(), ExtractorTestKit.fastOptions("manual-it")
                .withMaxRange(Duration.ofDays(7), Map.of()));
        history = kit.history("manual-it-history");
        listener = new ExtractRequestListener(service, history, sources, run -> { });
        history.start();
        listener.start();
        assertThat(listener.awaitAssignment(WAIT)).isTrue();
    }

    @AfterAll
    static void stopExtractor() {
        listener.close();
        history.close();
        service.close();
        beacon.close();
    }

    @Test
    void aManualRequestRunsAndEveryStateOfItIsPublished() {
        ExtractRequest request = ExtractRequests.manual("north_utility", NOV_3, NOV_5, "re-pull after an outage", "ops",
                Instant.now());
        List<ExtractRun> seen = new ArrayList<>();

        ExtractRun run = submitAndAwait(request, seen);

        assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
        assertThat(run.getRunId()).isEqualTo(RunIds.forRequest(request)).startsWith("north_utility.manual.");
        assertThat(run.getExtractName()).isEqualTo("manual");
        assertThat(run.getReason()).isEqualTo("re-pull after an outage");
        assertThat(run.getRequestedBy()).isEqualTo("ops");
        assertThat(run.getInstance()).isEqualTo("manual-it");
        assertThat(RunStates.totalRecords(run)).isEqualTo(METERS * 48L);
        assertThat(kit.rawRecordsOf(run.getRunId(), true)).hasSize(METERS * 48);
        assertThat(seen).extracting(ExtractRun::getState)
                .containsExactly(ExtractRunState.QUEUED, ExtractRunState.RUNNING, ExtractRunState.SUCCEEDED);
    }

    @Test
    void badRequestsAreRejectedWithTheirReasonAndTheExtractorKeepsRunning() {
        ExtractRun unknown = submitAndAwait(ExtractRequests.manual("atlantis", NOV_3, NOV_5, null, "ops", Instant.now()),
                new ArrayList<>());
        ExtractRun backwards = submitAndAwait(ExtractRequests.manual("north_utility", NOV_5, NOV_3, null, "ops",
                Instant.now()), new ArrayList<>());
        ExtractRun tooLong = submitAndAwait(ExtractRequests.manual("north_utility", NOV_3,
                NOV_3.plus(Duration.ofDays(30)), null, "ops", Instant.now()), new ArrayList<>());
        ExtractRun good = submitAndAwait(ExtractRequests.manual("north_utility", NOV_3, NOV_3.plus(Duration.ofDays(1)),
                null, "ops", Instant.now()), new ArrayList<>());

        assertThat(unknown.getState()).isEqualTo(ExtractRunState.REJECTED);
        assertThat(unknown.getError()).isEqualTo("unknown org 'atlantis'; configured sources: north_utility, south_utility");
        assertThat(backwards.getState()).isEqualTo(ExtractRunState.REJECTED);
        assertThat(backwards.getError()).isEqualTo("the range ends (" + NOV_3 + ") before it starts (" + NOV_5 + ")");
        assertThat(tooLong.getState()).isEqualTo(ExtractRunState.REJECTED);
        assertThat(tooLong.getError()).isEqualTo("the range of 30 days is longer than the 7 days a beacon_360 extract "
                + "of org 'north_utility' may cover; split it into several requests");
        assertThat(good.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
        assertThat(kit.runStates().get(tooLong.getRunId()).getState()).isEqualTo(ExtractRunState.REJECTED);
    }

    @Test
    void aJsonRequestTypedIntoKafkasStockConsoleProducerRuns() {
        String json = "{\"org_id\": \"north_utility\", \"start\": \"2026-11-03\", \"end\": \"2026-11-04\", "
                + "\"reason\": \"asked from the console\", \"request_id\": \"console-1\"}";
        try (RunWatcher watcher = new RunWatcher(kit.clients, kit.topics, kit.registry)) {
            // the command line docs/extractor.md shows
            StockKafkaTools.consoleProducer("north_utility|" + json + "\n", "--bootstrap-server",
                    SharedBroker.bootstrapServers(), "--topic", kit.topics.extractRequests(),
                    "--reader-property", "parse.key=true", "--reader-property", "key.separator=|");

            Optional<ExtractRun> run = watcher.awaitFinal("console-1", WAIT, s -> { });

            assertThat(run).hasValueSatisfying(r -> {
                assertThat(r.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
                assertThat(r.getRangeStart()).isEqualTo(NOV_3);
                assertThat(r.getRangeEnd()).isEqualTo(NOV_3.plus(Duration.ofDays(1)));
                assertThat(r.getReason()).isEqualTo("asked from the console");
                assertThat(RunStates.totalRecords(r)).isEqualTo(METERS * 24L);
            });
        }
    }

    @Test
    void aRequestDeliveredTwiceRunsOnce() {
        ExtractRequest request = ExtractRequests.manual("south_utility", NOV_3, NOV_3.plus(Duration.ofDays(1)), null,
                "ops", Instant.now());
        kit.publish(request);
        ExtractRequest after = ExtractRequests.manual("south_utility", NOV_3, NOV_3.plus(Duration.ofHours(1)), null,
                "ops", Instant.now());
        // the same request again, then another: once the other is answered, the duplicate has been seen
        submitAndAwait(request, new ArrayList<>());
        submitAndAwait(after, new ArrayList<>());

        List<ExtractRun> states = kit.runStateLog().stream()
                .filter(r -> r.getRunId().equals(RunIds.forRequest(request))).toList();
        assertThat(states).extracting(ExtractRun::getState)
                .containsExactly(ExtractRunState.QUEUED, ExtractRunState.RUNNING, ExtractRunState.SUCCEEDED);
    }

    @Test
    void requestsForABusyOrgQueueAndRunOneAtATime() {
        List<ExtractRequest> requests = new ArrayList<>();
        try (RunWatcher watcher = new RunWatcher(kit.clients, kit.topics, kit.registry)) {
            for (int day = 0; day < 3; day++) {
                Instant start = NOV_3.plus(Duration.ofDays(day));
                ExtractRequest r = ExtractRequests.manual("south_utility", start, start.plus(Duration.ofDays(1)), null,
                        "ops", Instant.now());
                requests.add(r);
                kit.publish(r);
            }
            for (ExtractRequest r : requests) {
                assertThat(watcher.awaitFinal(r.getRequestId(), WAIT, s -> { }))
                        .hasValueSatisfying(run -> assertThat(run.getState()).isEqualTo(ExtractRunState.SUCCEEDED));
            }
        }
        List<String> runIds = requests.stream().map(RunIds::forRequest).toList();
        List<ExtractRun> log = kit.runStateLog().stream().filter(r -> runIds.contains(r.getRunId())).toList();
        List<Window> windows = new ArrayList<>();
        for (String id : runIds) {
            Instant began = log.stream().filter(r -> r.getRunId().equals(id) && r.getState() == ExtractRunState.RUNNING)
                    .map(ExtractRun::getUpdatedAt).findFirst().orElseThrow();
            Instant ended = log.stream().filter(r -> r.getRunId().equals(id) && r.getState() == ExtractRunState.SUCCEEDED)
                    .map(ExtractRun::getUpdatedAt).findFirst().orElseThrow();
            windows.add(new Window(began, ended));
        }
        windows.sort(Comparator.comparing(Window::began));
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).began()).as("run %d starts after run %d ended", i + 1, i)
                    .isAfterOrEqualTo(windows.get(i - 1).ended());
        }
        assertThat(log).filteredOn(r -> r.getState() == ExtractRunState.QUEUED).hasSize(3);
    }

    private record Window(Instant began, Instant ended) {
    }

    private static ExtractRun submitAndAwait(ExtractRequest request, List<ExtractRun> seen) {
        try (RunWatcher watcher = new RunWatcher(kit.clients, kit.topics, kit.registry)) {
            kit.publish(request);
            Optional<ExtractRun> done = watcher.awaitFinal(request.getRequestId(), WAIT, seen::add);
            assertThat(done).as("final state of %s", request.getRequestId()).isPresent();
            return done.get();
        }
    }
}
