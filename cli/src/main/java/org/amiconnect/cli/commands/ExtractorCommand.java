package org.amiconnect.cli.commands;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.amiconnect.cli.http.HttpOptions;
import org.amiconnect.cli.http.OpsRuntime;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractorInstance;
import org.amiconnect.extractor.ExtractorOptions;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.runs.RunVisibility;
import org.amiconnect.extractor.schedule.CurrentWindows;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code amiconnect extractor}: only the extractor, against a running cluster. */
@Command(name = "extractor", mixinStandardHelpOptions = true,
        description = {
            "Run only the extractor against the configured cluster.",
            "Without options it joins the pipeline's extractor group until stopped: it runs the extract requests of the "
                    + "orgs it is given (manual extracts, schedule ticks, backfill chunks) and publishes the requests of "
                    + "the schedules and backfills; start several for fail-over. --once extracts every source's current "
                    + "window and exits; --org with --start/--end extracts one range directly and exits."
        })
public final class ExtractorCommand extends ConfiguredCommand {

    @Mixin
    ServeRegistryOption serveRegistry;

    @Override
    protected Infrastructure.RegistryEndpoint servedRegistry() {
        return serveRegistry.endpoint();
    }

    @Option(names = "--once", description = "Extract every source's current window, then exit.")
    boolean once;

    @Option(names = "--org", paramLabel = "ORG_ID", description = "Extract only this source.")
    String org;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "First day to extract (the source's local midnight).")
    LocalDate start;

    @Option(names = "--end", paramLabel = "YYYY-MM-DD", description = "Day after the last one to extract (exclusive).")
    LocalDate end;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        if ((start == null) != (end == null) || (start != null && org == null)) {
            throw new ParameterException(spec.commandLine(), "--start and --end go together, with --org");
        }
        if (org != null && !once && start == null) {
            throw new ParameterException(spec.commandLine(), "--org goes with --once or --start/--end; the long-running "
                    + "extractor runs whichever orgs the extractor group assigns to it");
        }
        if (start != null && !end.isAfter(start)) {
            throw new ParameterException(spec.commandLine(), "--end (" + end + ") must be after --start (" + start + ")");
        }
        PrintWriter out = out();
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        List<SourceConfig> sources = config.sources();
        if (org != null) {
            SourceConfig source = config.source(org).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--org: '" + org + "' is not a configured source; known: "
                            + config.sources().stream().map(SourceConfig::orgId).toList()));
            sources = List.of(source);
        }
        boolean oneShot = once || start != null;
        try (ShutdownGate gate = oneShot ? null : ShutdownGate.install("extractor");
                Infrastructure infra = Infrastructure.start(config, adapters, Infrastructure.Role.EXTRACTOR,
                        servedRegistry());
                ExtractorService extractor = new ExtractorService(infra.clients(), infra.topics(), infra.registry(),
                        adapters, Clock.systemUTC(), ExtractorOptions.from(config.extractor()))) {
            List<SourceConfig> effective = infra.config().sources().stream()
                    .filter(s -> org == null || s.orgId().equals(org)).toList();
            if (!oneShot) {
                try (OpsRuntime ops = OpsRuntime.start(http, "amiconnect extractor", infra.config(), infra, health());
                        ExtractorInstance instance = new ExtractorInstance(extractor, effective, config.backfills(),
                        run -> print(out, run))) {
                    instance.start();
                    health().register("extractor", instance::failure);
                    return exitCode(gate.await("extractor", 60, () -> null, health()));
                }
            }
            boolean ok = true;
            List<ExtractRun> runs = new java.util.ArrayList<>();
            for (SourceConfig source : effective) {
                ExtractPlan plan = start == null
                        ? CurrentWindows.standard(source, adapters, Instant.now())
                        : new ExtractPlan(source, "manual", start.atStartOfDay(source.timezone()).toInstant(),
                                end.atStartOfDay(source.timezone()).toInstant(), Optional.empty());
                ExtractRun run = extractor.execute(plan);
                print(out, run);
                runs.add(run);
                ok &= run.getState() == ExtractRunState.SUCCEEDED;
            }
            // whatever runs next (a transformer, a script reading the topic) must find the records
            if (!RunVisibility.await(infra.clients(), runs, Duration.ofSeconds(60))) {
                err().println("The runs' records did not become visible within 60 s");
                ok = false;
            }
            return ok ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, ExtractRun run) {
        out.printf("Run %s %s: %s %s [%s .. %s) %,d raw records%s%n", run.getRunId(), run.getState(), run.getOrgId(),
                run.getExtractName(), run.getRangeStart(), run.getRangeEnd(),
                run.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum(),
                run.getError() == null ? "" : " - " + run.getError());
        out.flush();
    }
}
