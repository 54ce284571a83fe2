package org.amiconnect.cli.commands.warehouse;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.loader.checks.CheckContext;
import org.amiconnect.loader.checks.CheckReport;
import org.amiconnect.loader.checks.CheckResult;
import org.amiconnect.loader.checks.CheckRunner;
import org.amiconnect.loader.checks.CheckScheduler;
import org.amiconnect.loader.checks.DataQualityCheck;
import org.amiconnect.loader.checks.DataQualityChecks;
import org.amiconnect.loader.sink.DuckDbSink;
import org.amiconnect.loader.sink.WarehouseException;
import org.amiconnect.loader.sink.WarehouseSink;
import org.amiconnect.loader.sink.WarehouseSinks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect checks run}. */
@Command(name = "checks", mixinStandardHelpOptions = true,
        description = "Data-quality checks of the warehouse sinks.",
        subcommands = {ChecksCommand.Run.class})
public final class ChecksCommand {

    /** Exit code when a check failed or could not run. */
    public static final int FAILED = 1;

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {
                "Run the data-quality checks against the sinks now: one current meter row per device, one reading per "
                        + "device and flowtime, and days with missing readings per org (a warning only).",
                "Exit code 0 when every check passed or only warned, 1 when one failed or could not run; failures "
                        + "also go to the sink's notify-command / notify-url. The loader runs the same checks on each "
                        + "sink's checks-schedule (daily by default)."
            })
    static final class Run extends ConfiguredCommand {

        @Option(names = "--sink", paramLabel = "ID", description = "Check only this sink (default: every sink).")
        String sinkId;

        @Option(names = "--check", paramLabel = "NAME",
                description = "Run only this check (repeatable; default: the sink's configured checks, or all). "
                        + "Checks: meters-unique-by-device-id, readings-unique-by-device-id-and-flowtime, "
                        + "readings-have-no-data-gaps.")
        List<String> checks;

        @Override
        public Integer call() {
            AmiConnectConfig config = config();
            CheckContext context = CheckScheduler.contextOf(config);
            CheckRunner runner = new CheckRunner();
            PrintWriter out = out();
            boolean failed = false;
            for (SinkConfig sink : SinkSelection.sinks(config, sinkId)) {
                List<DataQualityCheck> selected = DataQualityChecks.named(checks != null ? checks : sink.checks());
                CheckReport report;
                try (WarehouseSink warehouse = openOrSnapshot(sink, out)) {
                    report = runner.run(sink, warehouse, selected, context);
                }
                print(out, report);
                failed |= report.failed();
            }
            out.flush();
            return failed ? FAILED : 0;
        }

        /**
         * The sink's warehouse; for a DuckDB file locked by a running pipeline, its read-only snapshot (refreshed by
         * the loader at least every 30 s while it loads), said on the output.
         */
        private static WarehouseSink openOrSnapshot(SinkConfig sink, PrintWriter out) {
            try {
                return WarehouseSinks.open(sink);
            } catch (WarehouseException e) {
                Path snapshot = sink.type().equals("duckdb") && sink.path() != null
                        ? DuckDbSink.snapshotOf(sink.path()) : null;
                if (snapshot == null || !Files.isRegularFile(snapshot) || !String.valueOf(e.getMessage())
                        .contains("lock")) {
                    throw e;
                }
                out.printf("Sink %s: %s is in use by a running pipeline; checking its snapshot %s (%s)%n", sink.id(),
                        sink.path(), snapshot, snapshotTime(snapshot));
                return new DuckDbSink(snapshot);
            }
        }

        private static String snapshotTime(Path snapshot) {
            try {
                return "taken " + Files.getLastModifiedTime(snapshot).toInstant();
            } catch (java.io.IOException e) {
                return "time unknown";
            }
        }

        private static void print(PrintWriter out, CheckReport report) {
            out.printf("Sink %s (%s):%n", report.sinkId(), report.warehouse());
            for (CheckResult r : report.results()) {
                out.printf("  %-7s %s: %s%n", r.status(), r.check(), r.summary());
                r.examples().forEach(e -> out.printf("            %s%n", e));
            }
            report.errors().forEach((check, error) -> out.printf("  %-7s %s: %s%n", "ERROR", check, error));
        }
    }
}
