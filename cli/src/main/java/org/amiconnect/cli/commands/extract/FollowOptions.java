package org.amiconnect.cli.commands.extract;

import java.time.Duration;

import org.amiconnect.cli.commands.DurationConverter;

import picocli.CommandLine.Option;

/** Who asks for an extract, and whether and how long to follow its runs: the options every request command shares. */
final class FollowOptions {

    @Option(names = "--requested-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks (default: ${DEFAULT-VALUE}).")
    String requestedBy;

    @Option(names = "--wait", description = "Follow each run, print its progress and final state; exit 0 only when "
            + "every run SUCCEEDED and its records are visible.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "1h", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --wait: longest wait for each run's final state (default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
