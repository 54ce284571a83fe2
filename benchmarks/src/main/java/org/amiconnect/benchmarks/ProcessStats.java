package org.amiconnect.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the JVM process used: peak resident memory, collector time, cores. */
final class ProcessStats {

    private ProcessStats() {
    }

    /**
     * The process's peak resident set size in MiB ({@code VmHWM} of {@code /proc/self/status}), or -1 where there is
     * no procfs. It covers the whole process: the embedded broker, the fill and the stage.
     */
    static long peakRssMib() {
        return statusMib("VmHWM:");
    }

    /** The process's current resident set size in MiB ({@code VmRSS}), or -1 where there is no procfs. */
    static long rssMib() {
        return statusMib("VmRSS:");
    }

    private static long statusMib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Milliseconds all garbage collectors spent collecting since the JVM started. */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
