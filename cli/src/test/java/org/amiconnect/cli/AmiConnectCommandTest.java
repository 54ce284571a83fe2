package org.amiconnect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help everywhere, config validation and a masked config show. No broker needed. */
class AmiConnectCommandTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
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

    @ParameterizedTest
    @ValueSource(strings = {"run", "extractor", "extract", "runs", "transformer", "loader", "archiver", "archive",
        "archive ls", "archive cat", "replay", "replay archive", "replay offsets", "sql", "sql ddl", "checks",
        "checks run", "snowflake", "snowflake connector-config", "config", "config validate", "config show"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        Result r = run(args.toArray(String[]::new));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: amiconnect " + command);
    }

    @Test
    void theDefaultConfigurationIsValid() {
        Result r = run("config", "validate", "-c", "../config/config.yaml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("is valid: 1 source(s), 1 sink(s)");
    }

    @Test
    void anInvalidConfigurationExitsWithTwoAndNamesEveryProblem() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                sources:
                  - type: beacon_360
                    org_id: my_utility
                    timezone: America/Los_Angles
                    timezon: x
                """);
        Files.writeString(dir.resolve("secrets.yaml"), "sources: {my_utility: {user: u}}\n");

        Result r = run("config", "validate", "-c", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(
                "config.yaml: sources[0].timezone: 'America/Los_Angles' is not an IANA time zone",
                "config.yaml: sources[0].timezon: unknown key (did you mean 'timezone'?)",
                "secrets.yaml: sources.my_utility.password: missing; expected the Beacon 360 API password");
    }

    @Test
    void configShowMasksEverySecret() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                sources:
                  - {type: beacon_360, org_id: my_utility}
                sinks:
                  - {type: duckdb, id: wh}
                """);
        Files.writeString(dir.resolve("secrets.yaml"), """
                sources: {my_utility: {user: secret-user-name, password: hunter2-very-secret}}
                schema_registry: {username: reg, password: registry-pass-123}
                """);

        Result r = run("config", "show", "-c", config.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("org_id: my_utility", "********")
                .doesNotContain("hunter2-very-secret", "secret-user-name", "registry-pass-123");
    }
}
