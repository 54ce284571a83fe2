package org.amiconnect.core.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SinkLoop} runs and names itself.
 *
 * @param name names the loop in log lines and errors, e.g. {@code Archiver} or {@code Loader of sink warehouse}
 * @param threadName the name of the loop's thread
 * @param target where the task writes, for the start log line, e.g. {@code duckdb /data/ami.duckdb}
 * @param storedOffsets where the task's offsets are, for log lines, e.g. {@code the committed offsets}
 * @param maxPoll the longest single poll, so that a stop request is noticed quickly (positive)
 * @param firstRetry the pause after a first failure; it doubles with every failure in a row (positive)
 * @param maxRetry the longest pause between retries (at least {@code firstRetry})
 */
public record SinkLoopOptions(String name, String threadName, String target, String storedOffsets, Duration maxPoll,
        Duration firstRetry, Duration maxRetry) {

    /** The pause after a first failure unless set otherwise. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** The longest pause between retries unless set otherwise. */
    public static final Duration MAX_RETRY = Duration.ofSeconds(30);

    public SinkLoopOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(storedOffsets, "storedOffsets");
        requirePositive(maxPoll, "maxPoll");
        requirePositive(firstRetry, "firstRetry");
        requirePositive(maxRetry, "maxRetry");
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("maxRetry " + maxRetry + " is shorter than firstRetry " + firstRetry);
        }
    }

    /** Options with the usual retries: 1 s after a first failure, doubling up to 30 s. */
    public static SinkLoopOptions of(String name, String threadName, String target, String storedOffsets,
            Duration maxPoll) {
        return new SinkLoopOptions(name, threadName, target, storedOffsets, maxPoll, FIRST_RETRY, MAX_RETRY);
    }

    /** The same options with other retry pauses. */
    public SinkLoopOptions withRetry(Duration first, Duration max) {
        return new SinkLoopOptions(name, threadName, target, storedOffsets, maxPoll, first, max);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }
}
