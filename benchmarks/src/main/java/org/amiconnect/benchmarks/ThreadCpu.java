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
 * name with trailing numbers and ids dropped ({@code beacon360-simulator-3} → {@code beacon360-simulator}).
 *
 * <p>The collector's and compilers' threads, and those DuckDB and RocksDB start natively, are not Java threads. On
 * Linux every thread is also sampled from the kernel ({@link KernelThreads}); what a kernel thread name used beyond the
 * Java threads of that name is a {@code native: <name>} group ({@code native: GC Thread}, {@code native: rocksdb:low};
 * DuckDB's workers carry the name of the thread that opened the database). The process CPU
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) less all groups is one group too, close to
 * zero on Linux and the whole native share elsewhere.
 */
final class ThreadCpu implements AutoCloseable {

    static final long PERIOD_MS = 1_000;
    /** Thread groups a stage prints and records besides the process's whole CPU. */
    static final int GROUPS_SHOWN = 15;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBERED = Pattern.compile("([-_ #]?(\\d+|0x[0-9a-f]+))+$");
    private static final String UNSAMPLED = "not Java threads (collector, JIT compilers, DuckDB and RocksDB workers)";
    private static final String UNATTRIBUTED = "unattributed (threads that ended between samples)";
    /** A kernel name's CPU beyond its Java threads' below this is rounding (ticks of 10 ms against nanoseconds). */
    private static final long NATIVE_NOISE_NANOS = 50_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per thread id: its name, its CPU at the start (or 0 for a thread started later) and at its last sample. */
    private final Map<Long, Sampled> sampled = new HashMap<>();
    /** The same per kernel thread id, from {@link KernelThreads}; empty where the kernel's view is not readable. */
    private final Map<Long, Sampled> kernel = new HashMap<>();
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
        KernelThreads.sample().forEach((tid, task) -> {
            Sampled thread = kernel.computeIfAbsent(tid, id -> new Sampled(baseline ? task.cpuNanos() : 0L));
            thread.name = task.name();
            thread.lastNanos = task.cpuNanos();
        });
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
     * not report it), then the {@code groups} largest thread groups, largest first: Java thread groups, native thread
     * groups ({@code native: <kernel name>}) and what neither accounts for.
     */
    synchronized Map<String, Double> stop(int groups) {
        sample();
        sampler.shutdownNow();
        long processEnd = processCpuNanos();
        Map<String, Long> byGroup = new HashMap<>();
        Map<String, Long> javaByKernelName = new HashMap<>();
        long attributed = 0;
        for (Sampled thread : sampled.values()) {
            long used = thread.lastNanos - thread.startNanos;
            byGroup.merge(group(thread.name), used, Long::sum);
            javaByKernelName.merge(KernelThreads.kernelName(thread.name), used, Long::sum);
            attributed += used;
        }
        Map<String, Long> kernelByName = new HashMap<>();
        kernel.values().forEach(t -> kernelByName.merge(t.name, t.lastNanos - t.startNanos, Long::sum));
        for (Map.Entry<String, Long> e : nativeBeyondJava(kernelByName, javaByKernelName).entrySet()) {
            byGroup.merge("native: " + group(e.getKey()), e.getValue(), Long::sum);
            attributed += e.getValue();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        boolean known = processStart >= 0 && processEnd >= 0;
        out.put("process", known ? seconds(processEnd - processStart) : -1.0);
        if (known) {
            long rest = Math.max(0, processEnd - processStart - attributed);
            byGroup.put(kernel.isEmpty() ? UNSAMPLED : UNATTRIBUTED, rest);
        }
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(groups)
                .forEach(e -> out.put(e.getKey(), seconds(e.getValue())));
        return out;
    }

    /**
     * Per kernel thread name, the CPU its threads used beyond the Java threads that carry that name: native threads
     * (the collector's, DuckDB's workers under their creator's name). Names whose excess is rounding are left out.
     */
    static Map<String, Long> nativeBeyondJava(Map<String, Long> kernelByName, Map<String, Long> javaByKernelName) {
        Map<String, Long> beyond = new HashMap<>();
        kernelByName.forEach((name, nanos) -> {
            long extra = nanos - javaByKernelName.getOrDefault(name, 0L);
            if (extra >= NATIVE_NOISE_NANOS) {
                beyond.put(name, extra);
            }
        });
        return beyond;
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
