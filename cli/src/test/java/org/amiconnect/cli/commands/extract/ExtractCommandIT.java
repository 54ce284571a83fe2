package org.amiconnect.cli.commands.extract;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.cli.AmiConnect;
import org.amiconnect.cli.commands.RunCommand;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
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

    @BeforeAll
    static void startPipeline() {
        // the command starts the embedded broker of its config, as an operator's `amiconnect run` does
        config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .simulatedBeacon360("cli_utility", METERS, 5).duckdbSink("wh", dir.resolve("warehouse.duckdb"))
                .set("loader.batch-interval", "500ms").write();
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
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-01", "--end",
                "2026-06-03", "--reason", "operator re-pull", "--wait", "--timeout", "90s");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Requested manual:cli_utility:", "cli_utility [2026-06-01T07:00:00Z .. 2026-06-03T07:00:00Z)",
                "  queued on ", "  running on ");
        assertThat(r.out()).containsPattern("Run cli_utility\\.manual\\.\\S+ SUCCEEDED: 960 raw records "
                + "\\(ami\\.raw\\.beacon360\\.meter-read 960\\) in \\d+\\.\\d s");

        String runId = r.out().lines().filter(l -> l.startsWith("Run cli_utility.manual.")).findFirst().orElseThrow()
                .split(" ")[1];
        CommandRun runs = amiconnect("runs", "-c", config.toString(), "--org", "cli_utility", "--limit", "50");
        assertThat(runs.exit()).as(runs.err()).isZero();
        assertThat(runs.out()).containsPattern("SUCCEEDED\\s+cli_utility\\s+manual\\s+2026-06-01T07:00Z \\.\\. "
                + "2026-06-03T07:00Z\\s+960\\s+" + java.util.regex.Pattern.quote(runId));
    }

    @Test
    void aRejectedRequestEndsTheWaitWithItsReasonAndExitCodeOne() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-03", "--end",
                "2026-06-01", "--wait", "--timeout", "90s");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("REJECTED: the range ends (2026-06-01T07:00:00Z) before it starts "
                + "(2026-06-03T07:00:00Z)");

        CommandRun rejected = amiconnect("runs", "-c", config.toString(), "--state", "rejected");
        assertThat(rejected.exit()).isZero();
        assertThat(rejected.out()).contains("REJECTED", "the range ends (2026-06-01T07:00:00Z) before it starts");
    }
}
