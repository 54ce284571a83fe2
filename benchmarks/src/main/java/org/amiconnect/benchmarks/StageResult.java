package org.amiconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of one stage run: reads processed, bytes of the stage's input (or output, for extract) topics, the
 * timed seconds, the process's peak RSS and collector time, and stage-specific figures. Printed, and appended as one
 * JSON line to the results file.
 */
final class StageResult {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stage;
    private final long reads;
    private final long bytes;
    private final double seconds;
    private final long gcMillis;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /**
     * @param bytes bytes of the Kafka topics the stage read (written, for extract), as the broker stores them
     *     (compressed batches)
     * @param gcMillis collector time during the timed part
     */
    StageResult(String stage, long reads, long bytes, double seconds, long gcMillis) {
        this.stage = stage;
        this.reads = reads;
        this.bytes = bytes;
        this.seconds = seconds;
        this.gcMillis = gcMillis;
    }

    /** A stage timed by a {@link StageClock}: its seconds, collector time and CPU by thread group ({@code cpu_s}). */
    StageResult(String stage, long reads, long bytes, StageClock.Timed timed) {
        this(stage, reads, bytes, timed.seconds(), timed.gcMillis());
        extra.put("cpu_s", timed.cpuSeconds());
    }

    /** Adds a stage-specific figure (a string, number, boolean, or a map of them, written as a JSON object). */
    StageResult with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    double readsPerSecond() {
        return reads / seconds;
    }

    double mbPerSecond() {
        return bytes / 1e6 / seconds;
    }

    /** Prints the figures, and the target when the stage has one. */
    void print(String target) {
        System.out.printf(Locale.ROOT, "%n%s: %,d reads in %.2f s = %,.0f reads/s, %.2f MB/s (%,d bytes)%n", stage, reads,
                seconds, readsPerSecond(), mbPerSecond(), bytes);
        System.out.printf(Locale.ROOT, "  peak RSS %,d MiB, GC %,d ms, %d cores%n", ProcessStats.peakRssMib(), gcMillis,
                ProcessStats.cores());
        extra.forEach((k, v) -> {
            if (v instanceof Map<?, ?> figures) {
                System.out.printf(Locale.ROOT, "  %s:%n", k);
                figures.forEach((name, figure) -> System.out.printf(Locale.ROOT, "    %s: %s%n", name, figure));
            } else {
                System.out.printf(Locale.ROOT, "  %s: %s%n", k, v);
            }
        });
        if (target != null) {
            System.out.println("  target: " + target);
        }
    }

    /** Appends this result as one JSON object on one line to {@code file} (created when missing). */
    void append(Path file) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("stage", stage);
        line.put("reads", reads);
        line.put("seconds", round(seconds));
        line.put("reads_per_s", Math.round(readsPerSecond()));
        line.put("mb_per_s", round(mbPerSecond()));
        line.put("bytes", bytes);
        line.put("peak_rss_mib", ProcessStats.peakRssMib());
        line.put("gc_ms", gcMillis);
        line.put("cores", ProcessStats.cores());
        line.put("java", System.getProperty("java.version"));
        line.putAll(extra);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("  appended to " + file);
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    static String json(Map<String, Object> fields) throws IOException {
        return JSON.writeValueAsString(fields);
    }
}
