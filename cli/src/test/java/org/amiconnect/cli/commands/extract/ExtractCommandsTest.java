package org.amiconnect.cli.commands.extract;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.amiconnect.cli.AmiConnectRun.assertHelpOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.config.FreePorts;
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

    @BeforeEach
    void writeConfig() {
        config = ConfigFiles.in(dir).set("kafka.bootstrap-servers", "embedded").set("kafka.embedded.port", FreePorts.next())
                .beacon360("my_utility", "u", "p", "timezone", "America/Chicago").write();
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract", "runs"})
    void everyCommandHasHelp(String command) {
        assertHelpOf(command);
    }

    @Test
    void extractNeedsAnOrgAndARange() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--start", "2026-11-01", "--end", "2026-11-03");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--org=ORG_ID'");
    }

    @Test
    void extractNamesABoundItCannotRead() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "my_utility", "--start", "November 1st", "--end",
                "2026-11-03");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--start: 'November 1st' is not a day (2026-11-01)");
    }

    @Test
    void extractWithoutARunningPipelineSaysToStartIt() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "my_utility", "--start", "2026-11-01", "--end",
                "2026-11-03");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("amiconnect extract failed: no Kafka broker answers on 127.0.0.1:",
                "start the pipeline with `amiconnect run` first");
    }

    @Test
    void runsRejectsAnUnknownState() {
        CommandRun r = amiconnect("runs", "-c", config.toString(), "--state", "done");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--state: 'done' is not a run state; expected one of [queued, running, succeeded, "
                + "failed, rejected]");
    }

    @Test
    void theLongRunningExtractorTakesNoOrg() {
        CommandRun r = amiconnect("extractor", "-c", config.toString(), "--org", "my_utility");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--org goes with --once or --start/--end");
    }
}
