package org.amiconnect.core.concurrent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits that a service's stop cuts short, so closing it never waits out a retry backoff. */
public final class Pauses {

    private Pauses() {
    }

    /** Sleeps up to {@code delay}, checking {@code keepWaiting} every 100 ms; returns early when it turns false. */
    public static void sleepWhile(BooleanSupplier keepWaiting, Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        while (keepWaiting.getAsBoolean() && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
