package org.amiconnect.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition every 50 ms. */
final class Waits {

    private Waits() {
    }

    /** @throws IllegalStateException when {@code condition} is still false after {@code timeout} */
    static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
