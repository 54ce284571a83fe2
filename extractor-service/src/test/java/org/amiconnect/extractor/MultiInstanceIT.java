package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.requests.ExtractRequestListener;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.extractor.runs.RunIds;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.extractor.schedule.ScheduledRequests;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two extractor instances share the orgs through the consumer group: every request runs exactly once, an org never
 * runs two extracts at the same time, a tick published by both instances runs once, and when one instance stops the
 * other takes over its orgs.
 */
class MultiInstanceIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Instant DAY = Instant.parse("2026-05-04T07:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void instancesShareTheOrgsRunEachRequestOnceAndNeverTwoRunsOfAnOrgAtOnce() throws Exception {
        ExtractorTestKit kit = ExtractorTestKit.create("multi.");
        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(6, LA, DAY.plus(Duration.ofDays(10)))) {
            List<SourceConfig> sources = orgsOnEveryPartition().stream()
                    .map(org -> ExtractorTestKit.source(org, beacon, List.of())).toList();
            List<ExtractRequest> requests = new ArrayList<>();

            ExtractorService serviceB = kit.service("instance-b");
            RunHistory historyB = kit.history("multi-b");
            ExtractRequestListener b = new ExtractRequestListener(serviceB, historyB, sources, r -> { });
            try {
                try (ExtractorService serviceA = kit.service("instance-a");
                        RunHistory historyA = kit.history("multi-a");
                        ExtractRequestListener a = new ExtractRequestListener(serviceA, historyA, sources, r -> { })) {
                    historyA.start();
                    historyB.start();
                    a.start();
                    b.start();
                    await().atMost(WAIT).until(() -> a.assignedPartitions().size() + b.assignedPartitions().size() == 3
                            && !a.assignedPartitions().isEmpty() && !b.assignedPartitions().isEmpty());

                    for (SourceConfig s : sources) {
                        for (int day = 0; day < 2; day++) {
                            Instant start = DAY.plus(Duration.ofDays(day));
                            requests.add(ExtractRequests.manual(s.orgId(), start, start.plus(Duration.ofDays(1)), null,
                                    "it", Instant.now()));
                        }
                        // the same schedule tick as each instance's scheduler would publish it
                        ExtractRequest tick = ScheduledRequests.scheduled(s, new ScheduledExtract("standard",
                                Duration.ofDays(1), Duration.ZERO, "0 12 * * *"), DAY.plus(Duration.ofDays(3)), Instant.now());
                        requests.add(tick);
                        requests.add(tick);
                    }
                    requests.forEach(kit::publish);
                    awaitAllAnswered(kit, requests);
                    assertThat(instancesThatRan(kit, requests)).containsExactlyInAnyOrder("instance-a", "instance-b");
                }

                // instance A is gone: B takes its partitions and runs everything that comes next
                List<ExtractRequest> later = new ArrayList<>();
                for (SourceConfig s : sources) {
                    Instant start = DAY.plus(Duration.ofDays(5));
                    later.add(ExtractRequests.manual(s.orgId(), start, start.plus(Duration.ofHours(6)), null, "it",
                            Instant.now()));
                }
                later.forEach(kit::publish);
                awaitAllAnswered(kit, later);
                assertThat(instancesThatRan(kit, later)).containsExactly("instance-b");
                assertThat(b.assignedPartitions()).hasSize(3);
                requests.addAll(later);
            } finally {
                b.close();
                historyB.close();
                serviceB.close();
            }

            List<ExtractRun> log = kit.runStateLog();
            Set<String> runIds = new HashSet<>(requests.stream().map(RunIds::forRequest).toList());
            assertThat(runIds).hasSize(sources.size() * 4);
            for (String runId : runIds) {
                assertThat(log).filteredOn(r -> r.getRunId().equals(runId) && RunStates.isFinal(r))
                        .as("final states of %s", runId).hasSize(1)
                        .allSatisfy(r -> assertThat(r.getState()).isEqualTo(ExtractRunState.SUCCEEDED));
            }
            for (SourceConfig s : sources) {
                List<Instant[]> windows = new ArrayList<>();
                for (String runId : runIds) {
                    List<ExtractRun> states = log.stream().filter(r -> r.getRunId().equals(runId)
                            && r.getOrgId().equals(s.orgId())).toList();
                    states.stream().filter(r -> r.getState() == ExtractRunState.RUNNING).findFirst().ifPresent(running ->
                            windows.add(new Instant[] {running.getUpdatedAt(), states.get(states.size() - 1).getUpdatedAt()}));
                }
                windows.sort(Comparator.comparing(w -> w[0]));
                for (int i = 1; i < windows.size(); i++) {
                    assertThat(windows.get(i)[0]).as("org %s: a run starts after the previous one ended", s.orgId())
                            .isAfterOrEqualTo(windows.get(i - 1)[1]);
                }
            }
        }
    }

    @Test
    void aRunStoppedByAShutdownRunsAgainUnderTheSameIdOnTheNextInstance() throws Exception {
        ExtractorTestKit kit = ExtractorTestKit.create("handover.");
        ExtractRequest request = ExtractRequests.manual("handover_utility", DAY, DAY.plus(Duration.ofDays(1)), null, "it",
                Instant.now());
        String runId = RunIds.forRequest(request);
        // the first instance meets a vendor that never finishes its report
        try (Beacon360Simulator stuck = Beacon360Simulator.start(
                        org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions.defaults()
                                .withUtility(11, 6, LA).withCredentials(ExtractorTestKit.USER, ExtractorTestKit.PASSWORD)
                                .withPollsBeforeDone(1_000_000).withClock(Clock.fixed(DAY.plus(Duration.ofDays(10)), LA)));
                ExtractorService service = kit.service("first");
                RunHistory history = kit.history("handover-1");
                ExtractRequestListener first = new ExtractRequestListener(service, history,
                        List.of(ExtractorTestKit.source("handover_utility", stuck, List.of())), r -> { })) {
            history.start();
            first.start();
            kit.publish(request);
            await().atMost(WAIT).until(() -> history.run(runId).map(r -> r.getState() == ExtractRunState.RUNNING)
                    .orElse(false));
        }
        assertThat(kit.runStates().get(runId).getState()).isEqualTo(ExtractRunState.QUEUED);
        assertThat(kit.runStates().get(runId).getError()).isEqualTo("the extractor stopped during the run; it runs again "
                + "when an extractor takes over org handover_utility");

        try (Beacon360Simulator beacon = ExtractorTestKit.simulator(6, LA, DAY.plus(Duration.ofDays(10)));
                ExtractorService service = kit.service("second");
                RunHistory history = kit.history("handover-2");
                ExtractRequestListener second = new ExtractRequestListener(service, history,
                        List.of(ExtractorTestKit.source("handover_utility", beacon, List.of())), r -> { })) {
            history.start();
            second.start();
            await().atMost(WAIT).until(() -> history.run(runId).map(RunStates::isFinal).orElse(false));
            ExtractRun done = history.run(runId).orElseThrow();
            assertThat(done.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(done.getInstance()).isEqualTo("second");
            assertThat(RunStates.totalRecords(done)).isEqualTo(6 * 24L);
        }
        assertThat(kit.runStateLog().stream().filter(r -> r.getRunId().equals(runId)))
                .extracting(ExtractRun::getState, ExtractRun::getInstance)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.QUEUED, "first"),
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, "first"),
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.QUEUED, "first"),
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.QUEUED, "second"),
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.RUNNING, "second"),
                        org.assertj.core.groups.Tuple.tuple(ExtractRunState.SUCCEEDED, "second"));
        assertThat(kit.rawRecordsOf(runId, true)).hasSize(6 * 24);
    }

    /** Three orgs whose requests land on the three different partitions of the request topic. */
    private static List<String> orgsOnEveryPartition() {
        Map<Integer, String> byPartition = new LinkedHashMap<>();
        for (int i = 0; byPartition.size() < 3; i++) {
            String org = "utility_" + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(org.getBytes(StandardCharsets.UTF_8))) % 3, org);
        }
        return List.copyOf(byPartition.values());
    }

    private static void awaitAllAnswered(ExtractorTestKit kit, List<ExtractRequest> requests) {
        Set<String> runIds = new HashSet<>(requests.stream().map(RunIds::forRequest).toList());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> kit.runStates().values().stream()
                .filter(r -> runIds.contains(r.getRunId()) && RunStates.isFinal(r)).count() == runIds.size());
    }

    private static Set<String> instancesThatRan(ExtractorTestKit kit, List<ExtractRequest> requests) {
        Set<String> runIds = new HashSet<>(requests.stream().map(RunIds::forRequest).toList());
        Set<String> instances = new HashSet<>();
        kit.runStates().values().stream().filter(r -> runIds.contains(r.getRunId())).forEach(r -> instances.add(r.getInstance()));
        return instances;
    }
}
