package org.amiconnect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.amiconnect.testsupport.cli.CommandRun;

/** {@code amiconnect} run in this JVM through the test kit's {@link CommandRun}, and what every command's help shows. */
public final class AmiConnectRun {

    private AmiConnectRun() {
    }

    /** Runs {@code amiconnect args...}; returns its exit code and what it printed. */
    public static CommandRun amiconnect(String... args) {
        return CommandRun.of(AmiConnect::execute, args);
    }

    /** Asserts that {@code command --help} (command words split on spaces) exits 0 with the command's usage. */
    public static void assertHelpOf(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        CommandRun r = amiconnect(args.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: amiconnect " + command);
    }
}
