package org.amiconnect.cli.runtime;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.transformer.TransformerMetrics;

/** What {@code amiconnect run --once} did: the numbers an operator checks first. */
public record RunSummary(
        List<ExtractRun> runs,
        long rawRecords,
        long normalizedRecords,
        long reads,
        long meterChanges,
        long skippedReads,
        long deadLetters,
        long loadedReadings,
        Duration elapsed) {

    public static RunSummary capture(Pipeline pipeline, List<ExtractRun> runs, Duration elapsed) {
        TransformerMetrics t = pipeline.transformer().metrics();
        long extracted = runs.stream().flatMap(r -> r.getRecordsPublished().values().stream()).mapToLong(Long::longValue).sum();
        return new RunSummary(List.copyOf(runs), extracted, t.rawRecords(), t.reads(), t.meters(), t.skippedReads(),
                t.deadLetters(), PipelineProgress.loadedReadings(pipeline.loaders()), elapsed);
    }

    public long succeededRuns() {
        return runs.stream().filter(r -> r.getState() == ExtractRunState.SUCCEEDED).count();
    }

    public void print(PrintWriter out, Infrastructure infra) {
        out.println();
        out.println("Summary");
        infra.skippedSources().forEach(notice -> out.printf("  not run             %s%n", notice));
        out.printf("  extract runs        %d succeeded, %d failed%n", succeededRuns(), runs.size() - succeededRuns());
        out.printf("  reads extracted     %,d raw records%n", rawRecords);
        out.printf("  reads normalized    %,d (from %,d raw records; %,d rows without a read time skipped)%n", reads,
                normalizedRecords, skippedReads);
        out.printf("  dead-lettered       %,d%n", deadLetters);
        out.printf("  meters changed      %,d%n", meterChanges);
        out.printf("  readings loaded     %,d%n", loadedReadings);
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        out.printf("  elapsed             %.1f s (%,.0f reads/s end to end)%n", seconds, reads / seconds);
        for (SinkConfig sink : Pipeline.sinksInUse(infra.config())) {
            try {
                Map<String, Long> counts = WarehouseCounts.of(sink, infra.rawEntities());
                if (!counts.isEmpty()) {
                    out.printf("Warehouse %s (%s), in all%n", sink.id(), sink.path());
                    counts.forEach((table, n) -> out.printf("  %-20s %,d rows%n", table, n));
                }
            } catch (SQLException e) {
                out.printf("Warehouse %s: cannot count rows: %s%n", sink.id(), e.getMessage());
            }
        }
        out.flush();
    }
}
