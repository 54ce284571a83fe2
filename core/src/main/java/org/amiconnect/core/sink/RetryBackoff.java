package org.amiconnect.core.sink;

import java.time.Duration;

/** The pause before the next retry: the first one after a success, doubling with each failure up to a maximum. */
final class RetryBackoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    RetryBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The pause before the next retry. */
    Duration next() {
        return next;
    }

    /** True when no failure happened since the last success: the next retry is the first of a run. */
    boolean firstInARow() {
        return next.equals(first);
    }

    /** A failure: the pause after the next one is twice as long, at most the maximum. */
    void failed() {
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** A success: back to the first pause. */
    void succeeded() {
        next = first;
    }
}
