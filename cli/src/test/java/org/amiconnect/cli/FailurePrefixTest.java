package org.amiconnect.cli;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** A failed command's error names the command as it was typed, whole path included. No broker needed. */
class FailurePrefixTest {

    @TempDir
    Path dir;

    @Test
    void replayOffsetsErrorsStartWithTheWholeCommandPath() {
        Path config = ConfigFiles.in(dir).beacon360("my_utility", "u", "p").sink("wh", "duckdb").write();

        CommandRun r = amiconnect("replay", "offsets", "--group", "g", "--to-datetime", "not-a-time",
                "-c", config.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("amiconnect replay offsets failed: ")
                .doesNotContain("amiconnect offsets failed");
    }

    @Test
    void everyCommandsErrorStartsWithItsQualifiedName() {
        List<CommandLine> commands = new ArrayList<>();
        collect(AmiConnect.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(20);

        for (CommandLine command : commands) {
            StringWriter err = new StringWriter();
            command.setErr(new PrintWriter(err, true));
            int exit;
            try {
                exit = command.getExecutionExceptionHandler().handleExecutionException(
                        new IllegalStateException("boom"), command, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            String path = path(command);
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).as(path).startsWith(path + " failed: boom");
        }
    }

    /** The words a user types for {@code command}, from the root down. */
    private static String path(CommandLine command) {
        List<String> words = new ArrayList<>();
        for (CommandLine c = command; c != null; c = c.getParent()) {
            words.add(0, c.getCommandName());
        }
        return String.join(" ", words);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, into));
    }
}
