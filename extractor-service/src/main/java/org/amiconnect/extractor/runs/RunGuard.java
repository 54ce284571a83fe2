package org.amiconnect.extractor.runs;

import java.util.function.Supplier;

/**
 * Stops a run from outside (its timeout, a shutdown, a rebalance) by interrupting the thread that runs it, but never
 * while that thread is inside a Kafka producer call: an interrupted {@code commitTransaction} leaves the transaction's
 * outcome unknown, so the interrupt waits until the call returns.
 */
public final class RunGuard {

    /** Why a run was stopped. */
    public enum Stop {
        /** The run took longer than {@code extractor.run-timeout}: it ends FAILED. */
        TIMEOUT,
        /** The extractor stops or lost the org: the run is abandoned and runs again elsewhere or later. */
        CANCEL
    }

    /** Thrown inside the run when it must stop at a Kafka call; turned into the stop's outcome by the run. */
    public static final class StopSignal extends RuntimeException {
        StopSignal() {
            super(null, null, false, false);
        }
    }

    private Thread thread;
    private boolean finished;
    private boolean inKafka;
    private boolean interruptPending;
    private volatile Stop stop;

    /** Binds the guard to the thread that runs the run; a stop requested before this takes effect at once. */
    public synchronized void bind(Thread runThread) {
        this.thread = runThread;
        if (stop != null) {
            runThread.interrupt();
        }
    }

    /** Asks the run to stop; the first reason wins. */
    public synchronized void stop(Stop why) {
        if (finished || stop != null) {
            return;
        }
        stop = why;
        if (thread == null) {
            return;
        }
        if (inKafka) {
            interruptPending = true;
        } else {
            thread.interrupt();
        }
    }

    public Stop stopped() {
        return stop;
    }

    /**
     * Runs a producer call that must not be interrupted and returns its result; refuses to start one once a stop was
     * requested.
     *
     * @throws StopSignal when a stop was requested before the call
     */
    public <T> T kafka(Supplier<T> call) {
        synchronized (this) {
            if (stop != null) {
                throw new StopSignal();
            }
            inKafka = true;
        }
        try {
            return call.get();
        } finally {
            synchronized (this) {
                inKafka = false;
                if (interruptPending) {
                    interruptPending = false;
                    thread.interrupt();
                }
            }
        }
    }

    /** {@link #kafka(Supplier)} for a call without a result. */
    public void kafka(Runnable call) {
        kafka(() -> {
            call.run();
            return null;
        });
    }

    /** Marks the run finished; clears an interrupt that raced with the end of the run. */
    public void finish() {
        synchronized (this) {
            finished = true;
            interruptPending = false;
        }
        if (stop != null) {
            Thread.interrupted();
        }
    }
}
