package org.amiconnect.core.concurrent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The wait before a retry: {@code first} after the first failure, doubling with each further one up to {@code max};
 * optionally with "equal jitter" (a random wait in {@code [d/2, d]}, in whole milliseconds) so that instances
 * retrying the same server do not hit it in lockstep.
 *
 * <p>Two ways to use it: {@link #after} for the n-th failed attempt of a task, or {@link #next} with
 * {@link #failed}/{@link #succeeded} for a loop that counts failures in a row (not thread-safe; one loop owns it).
 */
public final class RetryBackoff {

    private final Duration first;
    private final Duration max;
    private final LongUnaryOperator random;
    private int failuresInARow;

    /** Doubling from {@code first} up to {@code max}, without jitter. */
    public RetryBackoff(Duration first, Duration max) {
        this(first, max, null);
    }

    /**
     * Doubling from {@code first} up to {@code max} with equal jitter drawn from {@code random}.
     *
     * @param random returns a value in {@code [0, bound]} for a bound (milliseconds); {@code null} for no jitter
     */
    public RetryBackoff(Duration first, Duration max, LongUnaryOperator random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** Doubling from {@code first} up to {@code max}, with equal jitter from a thread-local random. */
    public static RetryBackoff withEqualJitter(Duration first, Duration max) {
        return new RetryBackoff(first, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The wait after failed attempt {@code attempt}, counting from 1 (an attempt below 1 counts as 1). */
    public Duration after(int attempt) {
        Duration wait = first;
        for (int i = attempt - 1; i > 0 && wait.compareTo(max) < 0; i--) {
            wait = wait.multipliedBy(2);
        }
        wait = wait.compareTo(max) > 0 ? max : wait;
        if (random == null) {
            return wait;
        }
        long capped = Math.max(0, wait.toMillis());
        return Duration.ofMillis(capped / 2 + random.applyAsLong(capped - capped / 2));
    }

    /** The wait before the next retry of a loop: {@link #after} the failures in a row so far, plus one. */
    public Duration next() {
        return after(failuresInARow + 1);
    }

    /** True when no failure happened since the last success: the next retry is the first of a run. */
    public boolean firstInARow() {
        return failuresInARow == 0;
    }

    /** A failure: the wait after the next one is twice as long, at most the maximum. */
    public void failed() {
        if (failuresInARow < Integer.MAX_VALUE) {
            failuresInARow++;
        }
    }

    /** A success: back to the first wait. */
    public void succeeded() {
        failuresInARow = 0;
    }
}
