package org.amiconnect.cli.commands.extract;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.commands.DurationConverter;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.publish.ControlPublisher;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.extractor.runs.RunWatcher;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect extract}: ask the running extractors for a manual extract. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Request a manual extract of one source for a range: publishes an ExtractRequest on "
                    + "ami.control.extract-requests, which the extractor instance owning the org runs (after any run of "
                    + "the org already going on).",
            "Days are the source's local days; --end is exclusive (--start 2026-11-01 --end 2026-11-03 extracts "
                    + "November 1 and 2). With --wait it follows the run and exits 0 only if it SUCCEEDED."
        })
public final class ExtractCommand extends ConfiguredCommand {

    @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The source (org_id) to extract.")
    String org;

    @Option(names = "--start", required = true, paramLabel = "DAY",
            description = "First day (2026-11-01), or a local date-time (2026-11-01T06:00) or UTC instant (…Z).")
    String start;

    @Option(names = "--end", required = true, paramLabel = "DAY",
            description = "Exclusive end: the day after the last one, or a local date-time or UTC instant.")
    String end;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the run history.")
    String reason;

    @Option(names = "--requested-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks (default: ${DEFAULT-VALUE}).")
    String requestedBy;

    @Option(names = "--wait", description = "Follow the run, print its progress and final state; exit 0 only on success.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "1h", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --wait: longest wait for the final state (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        // an unknown org is the extractor's to reject (it says so in the run history); its days are read in UTC
        ZoneId zone = config.source(org).map(SourceConfig::timezone).orElse(ZoneOffset.UTC);
        Instant from = RangeBound.parse(start, zone, "--start", spec);
        Instant to = RangeBound.parse(end, zone, "--end", spec);
        ExtractRequest request = ExtractRequests.manual(org, from, to, reason, requestedBy, Instant.now());
        try (Infrastructure infra = RunningCluster.connect(config, adapters);
                RunWatcher watcher = wait ? new RunWatcher(infra.clients(), infra.topics(), infra.registry()) : null;
                ControlPublisher publisher = new ControlPublisher(infra.clients(), infra.topics(), infra.registry(),
                        "amiconnect-extract-command")) {
            publisher.publish(request);
            out.printf("Requested %s: %s [%s .. %s)%n", request.getRequestId(), org, from, to);
            out.flush();
            if (!wait) {
                out.printf("Follow it with: amiconnect runs --org %s%n", org);
                return 0;
            }
            Optional<ExtractRun> done = watcher.awaitFinal(request.getRequestId(), timeout, state -> {
                out.println(RunLines.progress(state));
                out.flush();
            });
            if (done.isEmpty()) {
                err.printf("No final state within %s; the request stays queued for the extractors. "
                        + "Check with: amiconnect runs --org %s%n", timeout, org);
                return 1;
            }
            out.println(RunLines.outcome(done.get()));
            out.flush();
            return done.get().getState() == ExtractRunState.SUCCEEDED ? 0 : 1;
        }
    }
}
