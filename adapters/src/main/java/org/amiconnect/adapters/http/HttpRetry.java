package org.amiconnect.adapters.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, shared by the HTTP vendor clients. */
public final class HttpRetry {

    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    public HttpRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Backoff before attempt {@code attempt + 1} (attempt counts from 1): random in [d/2, d], d doubling. */
    public Duration backoff(int attempt) {
        long base = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    public static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }

    /** HTTP statuses worth retrying: rate limits and server-side failures. */
    public static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }
}
