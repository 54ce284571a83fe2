package org.amiconnect.extractor.publish;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Waits between attempts of a run: exponential (doubling from {@code first}, capped at {@code max}) with "equal
 * jitter", a random wait in {@code [d/2, d]}, so extractors retrying the same vendor do not hit it in lockstep.
 */
final class RetryBackoff {

    private final Duration first;
    private final Duration max;
    private final LongUnaryOperator random;

    /** @param random returns a value in {@code [0, bound]} for a bound */
    RetryBackoff(Duration first, Duration max, LongUnaryOperator random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    RetryBackoff(Duration first, Duration max) {
        this(first, max, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The wait after failed attempt {@code attempt} (counting from 1). */
    Duration after(int attempt) {
        long base = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.max(0, Math.min(base, max.toMillis()));
        return Duration.ofMillis(capped / 2 + random.applyAsLong(capped - capped / 2));
    }
}
