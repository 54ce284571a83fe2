package org.amiconnect.cli;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.amiconnect.cli.AmiConnectRun.assertHelpOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help everywhere, config validation and a masked config show. No broker needed. */
class AmiConnectCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "extractor", "extract", "import", "import predecessor", "runs", "transformer", "loader",
        "archiver", "archive", "archive ls", "archive cat", "replay", "replay archive", "replay offsets",
        "replay transformer", "sql", "sql ddl", "checks", "checks run", "snowflake", "snowflake connector-config",
        "config", "config validate", "config show"})
    void everyCommandHasHelp(String command) {
        assertHelpOf(command);
    }

    @Test
    void theDefaultConfigurationIsValid() {
        CommandRun r = amiconnect("config", "validate", "-c", "../config/config.yaml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("is valid: 2 source(s), 1 sink(s)");
    }

    @Test
    void anInvalidConfigurationExitsWithTwoAndNamesEveryProblem() throws Exception {
        // written as text: the mistakes are the point
        ConfigFiles files = ConfigFiles.in(dir);
        Path config = files.writeText("config.yaml", """
                sources:
                  - type: beacon_360
                    org_id: my_utility
                    timezone: America/Los_Angles
                    timezon: x
                """);
        files.writeText("secrets.yaml", "sources: {my_utility: {user: u}}\n");

        CommandRun r = amiconnect("config", "validate", "-c", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(
                "config.yaml: sources[0].timezone: 'America/Los_Angles' is not an IANA time zone",
                "config.yaml: sources[0].timezon: unknown key (did you mean 'timezone'?)",
                "secrets.yaml: sources.my_utility.password: missing; expected the Beacon 360 API password");
    }

    @Test
    void configShowMasksEverySecret() throws Exception {
        Path config = ConfigFiles.in(dir).beacon360("my_utility", "secret-user-name", "hunter2-very-secret")
                .sink("wh", "duckdb").secret("schema_registry", Map.of("username", "reg", "password", "registry-pass-123"))
                .write();

        CommandRun r = amiconnect("config", "show", "-c", config.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("org_id: my_utility", "********")
                .doesNotContain("hunter2-very-secret", "secret-user-name", "registry-pass-123");
    }
}
