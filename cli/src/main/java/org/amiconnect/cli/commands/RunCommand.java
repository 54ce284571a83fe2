package org.amiconnect.cli.commands;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.cli.http.HttpOptions;
import org.amiconnect.cli.http.OpsRuntime;
import org.amiconnect.cli.runtime.ArchiveTotals;
import org.amiconnect.cli.runtime.ConcurrentExtracts;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.cli.runtime.Pipeline;
import org.amiconnect.cli.runtime.PipelineProgress;
import org.amiconnect.cli.runtime.RunOnceExit;
import org.amiconnect.cli.runtime.RunSummary;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractorInstance;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.extractor.schedule.CurrentWindows;
import org.amiconnect.schemas.control.ExtractRun;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code amiconnect run}: the whole pipeline in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline in this process: the embedded broker and schema registry (when configured as "
                    + "'embedded'), simulated vendors (sources with 'simulate:'), the extractor on its schedules, the "
                    + "transformer and the loader.",
            "Without --once it keeps ingesting until stopped with Ctrl-C."
        })
public final class RunCommand extends ConfiguredCommand {

    private static final Set<Thread> RUNNING = ConcurrentHashMap.newKeySet();

    @Option(names = "--once", description = "Extract every source's current window, wait until it is normalized and "
            + "loaded, print a summary and exit: 0 when everything extracted was loaded and archived, 3 when an "
            + "extract run failed, 4 when not everything was loaded in time, 5 when the archive failed, 6 when records "
            + "were dead-lettered (README: exit codes).")
    boolean once;

    @Option(names = "--timeout", defaultValue = "30m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --once: longest wait for the data to be loaded (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "With --once: take the windows of the schedule ticks at or before this UTC instant "
                    + "(e.g. 2026-06-11T20:00:00Z) instead of now, to re-run a past day.")
    Instant asOf;

    @Option(names = "--parallel-extracts", defaultValue = "4", paramLabel = "N",
            description = "With --once: how many orgs extract at the same time (default: ${DEFAULT-VALUE}); each org "
                    + "has its own transactional producer, and extracts mostly wait on the vendor.")
    int parallelExtracts;

    @Mixin
    StateDirOption stateDir;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        if (parallelExtracts < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel-extracts must be at least 1, was "
                    + parallelExtracts);
        }
        PrintWriter out = out();
        out.printf("AMI Connect: %d source(s), Kafka %s, warehouse %s%n", config().sources().size(),
                config().kafka().bootstrapServers(),
                config().sinks().stream().map(s -> s.id() + " (" + s.type() + ")").toList());
        out.flush();
        try (ShutdownGate gate = once ? null : ShutdownGate.install("amiconnect");
                Infrastructure infra = Infrastructure.start(config(), adapters(), Infrastructure.Role.ALL_IN_ONE);
                Pipeline pipeline = new Pipeline(infra, stateDir.path());
                OpsRuntime ops = OpsRuntime.start(http, "amiconnect run", infra.config(), infra, health())) {
            ops.host(pipeline.transformer());
            pipeline.loaders().forEach(ops::host);
            pipeline.start();
            pipeline.registerWith(health());
            return once ? runOnce(pipeline, adapters(), timeout, out) : runUntilStopped(pipeline, gate, out);
        }
    }

    private int runOnce(Pipeline pipeline, AdapterCatalog adapters, Duration wait, PrintWriter out) throws InterruptedException {
        Instant started = Instant.now();
        List<ExtractPlan> plans = CurrentWindows.standardForAll(pipeline.infrastructure().config().sources(), adapters,
                asOf == null ? started : asOf);
        List<ExtractRun> runs = new ConcurrentExtracts(pipeline.extractor(), parallelExtracts, out).runAll(plans);
        out.println("Waiting until the extracted data is visible, normalized and loaded...");
        out.flush();
        PrintWriterStream progressOut = new PrintWriterStream(out);
        Map<TopicPartition, Long> runEnds = new HashMap<>();
        runs.forEach(r -> RunStates.endOffsets(r).forEach((tp, end) -> runEnds.merge(tp, end, Math::max)));
        boolean drained = new PipelineProgress(pipeline, progressOut.stream()).awaitDrained(wait, runEnds);
        RunSummary summary = RunSummary.capture(pipeline, runs, Duration.between(started, Instant.now()));
        // stores the objects being filled and commits their offsets: only then can the archive be checked
        pipeline.close();
        summary.print(out, pipeline.infrastructure());
        ArchiveTotals archived = ArchiveTotals.after(pipeline, runEnds);
        archived.print(out);

        Set<RunOnceExit> problems = EnumSet.noneOf(RunOnceExit.class);
        if (summary.succeededRuns() < runs.size()) {
            problems.add(RunOnceExit.EXTRACT_FAILED);
        }
        if (!drained) {
            problems.add(RunOnceExit.NOT_LOADED);
        }
        if (!archived.complete()) {
            problems.add(RunOnceExit.ARCHIVE_FAILED);
        }
        if (summary.deadLetters() > 0) {
            problems.add(RunOnceExit.DEAD_LETTERS);
        }
        RunOnceExit exit = RunOnceExit.of(problems);
        problems.stream().sorted().forEach(p -> out.printf("Problem (exit %d): %s%n", p.code(), p.meaning()));
        out.printf("Exit %d: %s%n", exit.code(), exit.meaning());
        out.flush();
        return exit.code();
    }

    private int runUntilStopped(Pipeline pipeline, ShutdownGate gate, PrintWriter out) {
        PipelineProgress progress = new PipelineProgress(pipeline, new PrintWriterStream(out).stream());
        AmiConnectConfig config = pipeline.infrastructure().config();
        try (ExtractorInstance extractor = new ExtractorInstance(pipeline.extractor(), config.sources(),
                config.backfills(), run -> {
                    out.printf("Run %s %s: %s %s [%s .. %s) %,d raw records%s%n", run.getRunId(), run.getState(),
                            run.getOrgId(), run.getExtractName(), run.getRangeStart(), run.getRangeEnd(),
                            run.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum(),
                            run.getError() == null ? "" : " - " + run.getError());
                    out.flush();
                })) {
            extractor.start();
            pipeline.infrastructure().skippedSources().forEach(notice -> out.println("Not run: " + notice));
            health().register("extractor", extractor::failure);
            out.println("Running; press Ctrl-C to stop.");
            out.flush();
            RUNNING.add(Thread.currentThread());
            try {
                return exitCode(gate.await("amiconnect", 10, () -> {
                    progress.print();
                    return null;
                }, health()));
            } catch (InterruptedException e) {
                // stop() was called: a clean stop, as with Ctrl-C
                out.println("Stopping.");
                out.flush();
            } finally {
                RUNNING.remove(Thread.currentThread());
            }
        }
        return 0;
    }

    /**
     * Stops every {@code amiconnect run} (without --once) going on in this JVM as Ctrl-C would, for callers that run
     * the command in-process (tests, embedding).
     */
    public static void stop() {
        RUNNING.forEach(Thread::interrupt);
    }

    /** Whether an {@code amiconnect run} in this JVM has started its services and waits for a stop. */
    public static boolean running() {
        return !RUNNING.isEmpty();
    }

    /** Prints through the command's writer from code that wants a PrintStream. */
    private record PrintWriterStream(PrintWriter writer) {
        java.io.PrintStream stream() {
            return new java.io.PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    writer.write(b);
                }

                @Override
                public void flush() {
                    writer.flush();
                }
            }, true, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
