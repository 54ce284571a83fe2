package org.amiconnect.cli.commands.extract;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code amiconnect runs}: the extract runs in {@code ami.control.extract-runs}, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List extract runs (scheduled, manual and backfill chunks) with their state, range and record "
                + "counts, newest first, from ami.control.extract-runs.")
public final class RunsCommand extends ConfiguredCommand {

    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--org", paramLabel = "ORG_ID", description = "Only this source's runs.")
    String org;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only runs in this state: queued, running, succeeded, failed, rejected.")
    String state;

    @Option(names = "--backfill", paramLabel = "ID", description = "Only the chunks of this backfill (org:start..end).")
    String backfill;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "Show at most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        ExtractRunState wanted = state == null ? null : parseState(state);
        PrintWriter out = out();
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        List<ExtractRun> all;
        try (Infrastructure infra = RunningCluster.connect(config, adapters)) {
            all = RunHistory.snapshot(infra.clients(), infra.topics(), infra.registry(), Duration.ofSeconds(60));
        }
        List<ExtractRun> shown = all.stream()
                .filter(r -> org == null || org.equals(r.getOrgId()))
                .filter(r -> wanted == null || wanted == r.getState())
                .filter(r -> backfill == null || backfill.equals(r.getBackfillId()))
                .limit(Math.max(0, limit))
                .toList();
        out.printf("%-19s  %-9s  %-20s  %-18s  %-37s  %12s  %s%n", "UPDATED (UTC)", "STATE", "ORG", "EXTRACT",
                "RANGE", "RAW RECORDS", "RUN");
        for (ExtractRun r : shown) {
            String extract = r.getChunkIndex() == null ? r.getExtractName()
                    : r.getExtractName() + " " + r.getChunkIndex() + "/" + r.getChunkCount();
            out.printf("%-19s  %-9s  %-20s  %-18s  %-37s  %,12d  %s%n", RunLines.UTC.format(r.getUpdatedAt()),
                    r.getState(), r.getOrgId(), extract,
                    RANGE.format(r.getRangeStart()) + " .. " + RANGE.format(r.getRangeEnd()),
                    RunStates.totalRecords(r), r.getRunId());
            if (r.getError() != null) {
                out.printf("%21s%s%n", "", r.getError());
            }
        }
        long matching = all.stream().filter(r -> org == null || org.equals(r.getOrgId()))
                .filter(r -> wanted == null || wanted == r.getState())
                .filter(r -> backfill == null || backfill.equals(r.getBackfillId())).count();
        out.printf("%d of %d matching run(s) shown; %d run(s) in total%n", shown.size(), matching, all.size());
        out.flush();
        return 0;
    }

    private ExtractRunState parseState(String text) {
        try {
            return ExtractRunState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state: '" + text + "' is not a run state; expected one of "
                    + Arrays.stream(ExtractRunState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
