package org.amiconnect.cli.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.cli.AmiConnect;
import org.amiconnect.cli.commands.RunCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect extract --wait} and {@code amiconnect runs} against {@code amiconnect run} in the same JVM: the
 * embedded broker and registry, the Beacon 360 simulator, the extractor group, transformer and loader.
 */
class ExtractCommandIT {

    private static final int METERS = 20;

    @TempDir
    static Path dir;

    static Path config;
    static Thread pipeline;
    static final AtomicInteger pipelineExit = new AtomicInteger(-1);

    private record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void startPipeline() throws IOException {
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: embedded
                  embedded:
                    data-dir: %s
                    port: %d
                    controller-port: %d
                schema-registry:
                  url: embedded
                  embedded-port: %d
                archive:
                  type: local
                  path: %s
                sources:
                  - type: beacon_360
                    org_id: cli_utility
                    timezone: America/Los_Angeles
                    simulate:
                      meters: %d
                      seed: 5
                    poll_interval: 50ms
                    retry_backoff: 100ms
                sinks:
                  - type: duckdb
                    id: wh
                    path: %s
                loader:
                  batch-interval: 500ms
                """.formatted(dir.resolve("kafka"), freePort(), freePort(), freePort(), dir.resolve("archive"), METERS,
                dir.resolve("warehouse.duckdb")));
        Files.writeString(dir.resolve("secrets.yaml"), """
                sources:
                  cli_utility:
                    user: it-user
                    password: it-password
                """);
        pipeline = new Thread(() -> pipelineExit.set(AmiConnect.execute("run", "-c", config.toString(),
                "--state-dir", dir.resolve("state").toString())), "amiconnect-run");
        pipeline.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> RunCommand.running() || !pipeline.isAlive());
        assertThat(pipeline.isAlive()).as("amiconnect run is up").isTrue();
    }

    @AfterAll
    static void stopPipeline() throws InterruptedException {
        RunCommand.stop();
        pipeline.join(Duration.ofSeconds(90).toMillis());
        assertThat(pipeline.isAlive()).as("amiconnect run stopped").isFalse();
        assertThat(pipelineExit.get()).isZero();
    }

    @Test
    void extractWaitFollowsTheRunToItsFinalStateAndRunsListsIt() {
        Result r = run("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-01", "--end",
                "2026-06-03", "--reason", "operator re-pull", "--wait", "--timeout", "90s");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Requested manual:cli_utility:", "cli_utility [2026-06-01T07:00:00Z .. 2026-06-03T07:00:00Z)",
                "  queued on ", "  running on ");
        assertThat(r.out()).containsPattern("Run cli_utility\\.manual\\.\\S+ SUCCEEDED: 960 raw records "
                + "\\(ami\\.raw\\.beacon360\\.meter-read 960\\) in \\d+\\.\\d s");

        String runId = r.out().lines().filter(l -> l.startsWith("Run cli_utility.manual.")).findFirst().orElseThrow()
                .split(" ")[1];
        Result runs = run("runs", "-c", config.toString(), "--org", "cli_utility", "--limit", "50");
        assertThat(runs.exit()).as(runs.err()).isZero();
        assertThat(runs.out()).containsPattern("SUCCEEDED\\s+cli_utility\\s+manual\\s+2026-06-01T07:00Z \\.\\. "
                + "2026-06-03T07:00Z\\s+960\\s+" + java.util.regex.Pattern.quote(runId));
    }

    @Test
    void aRejectedRequestEndsTheWaitWithItsReasonAndExitCodeOne() {
        Result r = run("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-03", "--end",
                "2026-06-01", "--wait", "--timeout", "90s");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("REJECTED: the range ends (2026-06-01T07:00:00Z) before it starts "
                + "(2026-06-03T07:00:00Z)");

        Result rejected = run("runs", "-c", config.toString(), "--state", "rejected");
        assertThat(rejected.exit()).isZero();
        assertThat(rejected.out()).contains("REJECTED", "the range ends (2026-06-01T07:00:00Z) before it starts");
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = AmiConnect.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out.toString(StandardCharsets.UTF_8));
            oldErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
