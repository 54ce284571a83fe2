package org.amiconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU of every thread of this process as the Linux kernel counts it ({@code /proc/self/task/<tid>/stat}), Java
 * threads and native ones alike: the collector's and compilers' threads, and the workers DuckDB and RocksDB start,
 * which {@code ThreadMXBean} does not see. Empty where there is no {@code /proc} (not Linux).
 *
 * <p>A thread's kernel name ({@code comm}) is at most 15 bytes: the JVM gives a Java thread the first 15 characters of
 * its name when it starts, and a native thread inherits the name of the thread that created it unless it sets its own
 * (RocksDB's {@code rocksdb:low}; DuckDB's workers keep their creator's).
 */
final class KernelThreads {

    /** Longest kernel thread name (TASK_COMM_LEN less its terminating zero). */
    static final int NAME_LENGTH = 15;
    /** Clock ticks a second in {@code stat}'s utime and stime: USER_HZ, 100 on the Linux architectures Java runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A thread's kernel name and its user + system CPU so far. */
    record Task(String name, long cpuNanos) {
    }

    private KernelThreads() {
    }

    /** Every thread of this process now, by kernel thread id; empty where {@code /proc} cannot be read. */
    static Map<Long, Task> sample() {
        Map<Long, Task> tasks = new HashMap<>();
        try (Stream<Path> dirs = Files.list(TASKS)) {
            dirs.forEach(dir -> read(dir.resolve("stat")).flatMap(KernelThreads::parse)
                    .ifPresent(task -> tasks.put(Long.parseLong(dir.getFileName().toString()), task)));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return tasks;
    }

    private static Optional<String> read(Path stat) {
        try {
            return Optional.of(Files.readString(stat));
        } catch (IOException e) {
            return Optional.empty(); // the thread ended since the listing
        }
    }

    /**
     * One {@code stat} line: {@code tid (comm) state ppid … utime stime …}, utime and stime being fields 14 and 15. The
     * name may hold spaces and parentheses, so it ends at the line's last {@code ')'}.
     */
    static Optional<Task> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] after = stat.substring(close + 1).trim().split(" ");
        // after[0] is field 3 (state), so field n is after[n - 3]
        if (after.length < 13) {
            return Optional.empty();
        }
        long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
        return Optional.of(new Task(stat.substring(open + 1, close), ticks * NANOS_PER_TICK));
    }

    /**
     * The kernel name the JVM gives a Java thread: its first 15 characters; the launcher's main thread keeps the
     * process's name, {@code java}.
     */
    static String kernelName(String javaName) {
        if (javaName.equals("main")) {
            return "java";
        }
        return javaName.length() <= NAME_LENGTH ? javaName : javaName.substring(0, NAME_LENGTH);
    }
}
