package org.amiconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * CPU seconds of the timed part by thread group, so a run shows where its cores went: the stream thread, the DuckDB
 * writer, the collector, the simulated vendor (whose cost a real vendor pays on its own servers), and so on.
 *
 * <p>The JVM reports a thread's CPU only while it lives, so the threads are sampled every {@link #PERIOD_MS} ms and a
 * thread's last sample is kept: a thread that ended is undercounted by at most one period. Threads are grouped by
 * name with trailing numbers and ids dropped ({@code beacon360-simulator-3} → {@code beacon360-simulator}). The
 * collector's and compilers' threads, and those DuckDB and RocksDB start natively, are not Java threads; their share
 * is the process CPU ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) less the sum of the groups.
 */
final class ThreadCpu implements AutoCloseable {

    static final long PERIOD_MS = 1_000;
    /** Thread groups a stage prints and records besides the process's whole CPU. */
    static final int GROUPS_SHOWN = 15;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBERED = Pattern.compile("([-_ #]?(\\d+|0x[0-9a-f]+))+$");
    private static final String UNSAMPLED = "not Java threads (collector, JIT compilers, DuckDB and RocksDB workers)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per thread id: its name, its CPU at the start (or 0 for a thread started later) and at its last sample. */
    private final Map<Long, Sampled> sampled = new HashMap<>();
    private final long processStart = processCpuNanos();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-thread-cpu");
        t.setDaemon(true);
        return t;
    });
    private boolean baseline = true;

    /** Starts sampling now: CPU used by a thread before this call is not counted. */
    ThreadCpu() {
        sample();
        baseline = false;
        sampler.scheduleAtFixedRate(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            // a thread alive at the start counts from there; one started later from zero
            Sampled thread = sampled.computeIfAbsent(info.getThreadId(), id -> new Sampled(baseline ? cpu : 0L));
            thread.name = info.getThreadName();
            thread.lastNanos = cpu;
        }
    }

    private static final class Sampled {
        final long startNanos;
        String name;
        long lastNanos;

        Sampled(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /**
     * Stops sampling and returns CPU seconds: the process's whole CPU under {@code "process"} (-1 where the JVM does
     * not report it), then the {@code groups} largest thread groups, largest first; what no Java thread accounts for is
     * one of the groups.
     */
    synchronized Map<String, Double> stop(int groups) {
        sample();
        sampler.shutdownNow();
        long processEnd = processCpuNanos();
        Map<String, Long> byGroup = new HashMap<>();
        long javaThreads = 0;
        for (Sampled thread : sampled.values()) {
            long used = thread.lastNanos - thread.startNanos;
            byGroup.merge(group(thread.name), used, Long::sum);
            javaThreads += used;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        boolean known = processStart >= 0 && processEnd >= 0;
        out.put("process", known ? seconds(processEnd - processStart) : -1.0);
        if (known) {
            byGroup.put(UNSAMPLED, Math.max(0, processEnd - processStart - javaThreads));
        }
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(groups)
                .forEach(e -> out.put(e.getKey(), seconds(e.getValue())));
        return out;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /**
     * The group of a thread: its name without a trailing number and with any UUID as {@code *}, for example
     * {@code ami-transformer-<uuid>-StreamThread-1} → {@code ami-transformer-*-StreamThread}.
     */
    static String group(String threadName) {
        String trimmed = NUMBERED.matcher(UUID.matcher(threadName).replaceAll("*")).replaceFirst("");
        return trimmed.isEmpty() ? threadName : trimmed;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
