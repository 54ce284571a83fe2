package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.junit.jupiter.api.Test;

/**
 * An extractor process killed (SIGKILL) in the middle of a run: a {@code read_committed} consumer never sees a record
 * of the unfinished transaction, and the next extractor of the org aborts it and re-runs the range.
 */
class KilledExtractorIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "kill_org";
    private static final String PREFIX = "kill.";
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T07:00:00Z");
    private static final int METERS = 50;
    private static final int PAUSE_AFTER = 500;

    @Test
    void aKilledExtractorLeavesNothingOfItsOpenTransactionForReadCommittedConsumers() throws Exception {
        KafkaClients clients = SharedBroker.clients(PREFIX);
        Topics topics = new Topics(PREFIX);
        List<String> childOutput = new CopyOnWriteArrayList<>();
        try (KafkaSchemaRegistry registry = new KafkaSchemaRegistry(clients.common("it-registry"), topics.schemas(), 1);
                Beacon360Simulator beacon = ExtractorTestKit.simulator(METERS, LA, END.plus(Duration.ofDays(1)))) {
            ExtractorTestKit kit = ExtractorTestKit.create(PREFIX, registry);
            String killedRun = ORG + ".manual.killed";

            // the extractor is killed, not the broker: the child process connects to this JVM's shared broker
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-D" + PausingBeaconAdapter.PAUSE_AFTER_PROPERTY + "=" + PAUSE_AFTER,
                    "-cp", System.getProperty("java.class.path"), ExtractInChildProcess.class.getName(),
                    SharedBroker.bootstrapServers(), PREFIX, beacon.baseUrl().toString(), ORG,
                    START.toString(), END.toString(), killedRun)
                    .redirectErrorStream(true)
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    out.lines().forEach(childOutput::add);
                } catch (java.io.IOException e) {
                    childOutput.add("output unreadable: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                try {
                    await().atMost(Duration.ofSeconds(60))
                            .failFast("the extractor process ended early", () -> !child.isAlive())
                            .until(() -> childOutput.contains("PAUSED"));
                } catch (RuntimeException e) {
                    throw new AssertionError("the extractor process did not pause; its output:\n"
                            + String.join("\n", childOutput), e);
                }
                // the first 500 records of the run are on the broker, in the still open transaction
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> kit.rawRecordsOf(killedRun, false).size() >= PAUSE_AFTER);
                assertThat(kit.rawRecordsOf(killedRun, true)).isEmpty();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(kit.rawRecordsOf(killedRun, true)).as("read_committed after the kill").isEmpty();

            // the next extractor of the org fences the dead one (same transactional id), which aborts its transaction
            ExtractRun rerun;
            try (ExtractorService service = kit.service("kill-it")) {
                rerun = service.execute(new ExtractPlan(ExtractorTestKit.source(ORG, beacon, List.of()), "manual", START,
                        END, Optional.empty()));
            }
            assertThat(rerun.getState()).isEqualTo(ExtractRunState.SUCCEEDED);
            assertThat(kit.rawRecordsOf(rerun.getRunId(), true)).hasSize(METERS * 24);
            assertThat(kit.rawRecordsOf(killedRun, true)).as("read_committed after the abort").isEmpty();
            assertThat(kit.rawRecordsOf(killedRun, false)).as("aborted records stay in the log")
                    .hasSizeGreaterThanOrEqualTo(PAUSE_AFTER);
            assertThat(kit.runStates().get(killedRun).getState()).as("the killed run never finished")
                    .isEqualTo(ExtractRunState.RUNNING);
        }
    }
}
