package org.amiconnect.cli.commands;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --state-dir}: where the transformer keeps its local Kafka Streams state, for every command that runs it. */
public final class StateDirOption {

    @Option(names = "--state-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Where the transformer keeps its local state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    /** The folder given with {@code --state-dir}, default {@code data}. */
    public Path path() {
        return stateDir;
    }
}
