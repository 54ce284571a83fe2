package org.amiconnect.benchmarks;

import java.util.Map;

/**
 * The timed part of a stage: wall seconds, collector milliseconds and CPU seconds by thread group ({@link ThreadCpu})
 * from {@link #start()} to {@link #stop()}. Closing it stops the CPU sampler, so a stage that throws leaves no sampler
 * running.
 */
final class StageClock implements AutoCloseable {

    /** What a stopped clock measured: wall seconds, collector milliseconds, CPU seconds as {@link ThreadCpu#stop}. */
    record Timed(double seconds, long gcMillis, Map<String, Double> cpuSeconds) {
    }

    private final long gcStart = ProcessStats.gcMillis();
    private final ThreadCpu cpu = new ThreadCpu();
    private final long startNanos = System.nanoTime();

    private StageClock() {
    }

    /** Starts timing now. */
    static StageClock start() {
        return new StageClock();
    }

    /** Wall seconds since {@link #start()}, for a lap inside the timed part (a stage's start-up). */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Stops timing and returns what it measured, with the {@value ThreadCpu#GROUPS_SHOWN} largest thread groups. */
    Timed stop() {
        double seconds = elapsedSeconds();
        Map<String, Double> cpuSeconds = cpu.stop(ThreadCpu.GROUPS_SHOWN);
        return new Timed(seconds, ProcessStats.gcMillis() - gcStart, cpuSeconds);
    }

    @Override
    public void close() {
        cpu.close();
    }
}
