package org.amiconnect.cli.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.amiconnect.cli.AmiConnect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code amiconnect extract} and {@code amiconnect runs} without a cluster: help, argument errors, a clear refusal. */
class ExtractCommandsTest {

    @TempDir
    Path dir;

    Path config;

    private record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: embedded
                  embedded:
                    port: %d
                sources:
                  - type: beacon_360
                    org_id: my_utility
                    timezone: America/Chicago
                """.formatted(freePort()));
        Files.writeString(dir.resolve("secrets.yaml"), "sources: {my_utility: {user: u, password: p}}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract", "runs"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: amiconnect " + command);
    }

    @Test
    void extractNeedsAnOrgAndARange() {
        Result r = run("extract", "-c", config.toString(), "--start", "2026-11-01", "--end", "2026-11-03");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--org=ORG_ID'");
    }

    @Test
    void extractNamesABoundItCannotRead() {
        Result r = run("extract", "-c", config.toString(), "--org", "my_utility", "--start", "November 1st", "--end",
                "2026-11-03");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--start: 'November 1st' is not a day (2026-11-01)");
    }

    @Test
    void extractWithoutARunningPipelineSaysToStartIt() {
        Result r = run("extract", "-c", config.toString(), "--org", "my_utility", "--start", "2026-11-01", "--end",
                "2026-11-03");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("amiconnect extract failed: no Kafka broker answers on 127.0.0.1:",
                "start the pipeline with `amiconnect run` first");
    }

    @Test
    void runsRejectsAnUnknownState() {
        Result r = run("runs", "-c", config.toString(), "--state", "done");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--state: 'done' is not a run state; expected one of [queued, running, succeeded, "
                + "failed, rejected]");
    }

    @Test
    void theLongRunningExtractorTakesNoOrg() {
        Result r = run("extractor", "-c", config.toString(), "--org", "my_utility");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--org goes with --once or --start/--end");
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
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
