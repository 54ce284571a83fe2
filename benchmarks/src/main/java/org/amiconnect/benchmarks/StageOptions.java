package org.amiconnect.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import picocli.CommandLine.Option;

/** The size of a stage run and where its result goes; shared by every stage command. */
final class StageOptions {

    /** The simulated utility's reads end here (a summer day: no DST change inside the default window). */
    static final Instant WINDOW_END = Instant.parse("2026-06-11T07:00:00Z");

    @Option(names = "--meters", defaultValue = "10000", description = "Meters of the simulated utility (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--days", defaultValue = "2", description = "Days of hourly reads per meter (default: ${DEFAULT-VALUE}); reads = meters × 24 × days.")
    int days;

    @Option(names = "--results", defaultValue = "benchmarks/results.jsonl",
            description = "File the result is appended to as one JSON line (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class,
            description = "Longest the timed part may take before the run fails (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    long expectedReads() {
        return (long) meters * 24 * days;
    }

    Instant windowStart() {
        return WINDOW_END.minus(Duration.ofDays(days));
    }

    Instant windowEnd() {
        return WINDOW_END;
    }

    /** Reads {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}). */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return org.amiconnect.core.config.Durations.parse(value);
        }
    }
}
