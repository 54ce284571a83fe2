package org.amiconnect.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.extractor.schedule.BackfillChunks;
import org.amiconnect.extractor.schedule.CurrentWindows;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

/**
 * Turns gathered facts into a {@link StatusReport}, deciding what needs attention: an extract whose latest finished
 * run FAILED, an org whose newest loaded read is older than {@code notifications.stale-after} (or that has none),
 * dead letters of the org in the last 24 hours, and failed checks. Pure: no I/O, so its rules are tested alone.
 */
public final class StatusAssembler {

    private static final int RECENT_RUNS = 20;

    private final AmiConnectConfig config;
    private final AdapterCatalog adapters;

    public StatusAssembler(AmiConnectConfig config, AdapterCatalog adapters) {
        this.config = config;
        this.adapters = adapters;
    }

    /**
     * @param runs every run's latest state (any order)
     * @param facts what was read from the cluster and the warehouse
     * @param now the instant of the report, UTC
     */
    public StatusReport assemble(List<ExtractRun> runs, StatusFacts facts, Instant now) {
        List<OrgStatus> orgs = new ArrayList<>();
        Duration staleAfter = config.notifications().staleAfter();
        for (SourceConfig source : config.sources()) {
            String org = source.orgId();
            List<ExtractRun> mine = runs.stream().filter(r -> org.equals(r.getOrgId()))
                    .sorted(Comparator.comparing(ExtractRun::getUpdatedAt).reversed()).toList();
            Optional<RunLine> lastSuccess = mine.stream().filter(r -> r.getState() == ExtractRunState.SUCCEEDED)
                    .findFirst().map(RunLine::of);
            List<RunLine> failed = latestFailures(mine);
            Map<String, OrgStatus.BackfillProgress> backfills = backfills(source, mine);
            Optional<Instant> newest = Optional.ofNullable(facts.newestFlowtime().get(org));
            long dead = facts.deadLettersByOrg() == null ? -1 : facts.deadLettersByOrg().getOrDefault(org, 0L);

            List<String> problems = new ArrayList<>();
            for (RunLine f : failed) {
                problems.add("extract " + f.extractName() + " failed (run " + f.runId() + "): " + f.error());
            }
            if (facts.warehouseRead()) {
                if (newest.isEmpty()) {
                    problems.add("no reads loaded");
                } else if (newest.get().isBefore(now.minus(staleAfter))) {
                    problems.add("stale: newest read " + newest.get() + " is older than " + human(staleAfter));
                }
            }
            if (dead > 0) {
                problems.add(dead + " record(s) dead-lettered in the last 24 h");
            }
            orgs.add(new OrgStatus(org, source.type(), lastSuccess, nextRun(source, now), backfills, newest, dead,
                    failed, problems));
        }
        List<RunLine> recent = runs.stream().sorted(Comparator.comparing(ExtractRun::getUpdatedAt).reversed())
                .limit(RECENT_RUNS).map(RunLine::of).toList();
        return new StatusReport(now, orgs, facts.consumerLag(), facts.failedChecks(), recent,
                facts.deadLettersByReason(), facts.deadLettersInSpikeWindow(), facts.readsPerDay(), facts.notes());
    }

    /** Per extract name (backfill chunks apart), its latest finished run when that one FAILED. */
    private static List<RunLine> latestFailures(List<ExtractRun> newestFirst) {
        Map<String, ExtractRun> latestFinal = new LinkedHashMap<>();
        for (ExtractRun r : newestFirst) {
            if (RunStates.isFinal(r) && r.getState() != ExtractRunState.REJECTED && r.getBackfillId() == null) {
                latestFinal.putIfAbsent(r.getExtractName(), r);
            }
        }
        return latestFinal.values().stream().filter(r -> r.getState() == ExtractRunState.FAILED).map(RunLine::of)
                .toList();
    }

    private Map<String, OrgStatus.BackfillProgress> backfills(SourceConfig source, List<ExtractRun> runs) {
        Map<String, OrgStatus.BackfillProgress> out = new LinkedHashMap<>();
        for (BackfillConfig b : config.backfills()) {
            if (!b.orgId().equals(source.orgId())) {
                continue;
            }
            int chunks = BackfillChunks.of(b, source.timezone()).size();
            int done = (int) runs.stream().filter(r -> b.id().equals(r.getBackfillId()))
                    .filter(r -> r.getState() == ExtractRunState.SUCCEEDED)
                    .map(ExtractRun::getChunkIndex).distinct().count();
            out.put(b.id(), new OrgStatus.BackfillProgress(done, chunks));
        }
        return out;
    }

    private Optional<Instant> nextRun(SourceConfig source, Instant now) {
        List<String> crons = new ArrayList<>();
        for (ScheduledExtract s : CurrentWindows.schedulesOf(source, adapters)) {
            crons.add(s.cron());
        }
        config.backfills().stream().filter(b -> b.orgId().equals(source.orgId())).map(BackfillConfig::schedule)
                .forEach(crons::add);
        return crons.stream().map(c -> CronSchedule.parse(c, source.timezone()).nextTickAfter(now))
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    static String human(Duration d) {
        if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        return d.toMinutes() + " min";
    }
}
