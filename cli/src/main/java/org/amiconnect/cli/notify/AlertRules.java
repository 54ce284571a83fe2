package org.amiconnect.cli.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.cli.status.OrgStatus;
import org.amiconnect.cli.status.RunLine;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.core.config.NotificationSettings;

/**
 * Decides, from successive status reports, what to notify, each thing once: a failed run (per run id), a failed
 * check (until it passes again), a dead-letter spike of an org (at least {@code dead-letter-spike} dead letters within
 * {@code spike-window}; again only after it has dropped below), a stale org (again only after it has been fresh).
 * Not thread-safe: one monitor thread feeds it.
 */
public final class AlertRules {

    private final NotificationSettings settings;
    private final Set<String> notifiedRuns = new HashSet<>();
    private final Set<String> openChecks = new HashSet<>();
    private final Set<String> spiking = new HashSet<>();
    private final Set<String> stale = new HashSet<>();

    public AlertRules(NotificationSettings settings) {
        this.settings = settings;
    }

    /** What {@code report} brings that was not notified yet. */
    public List<Notification> evaluate(StatusReport report) {
        List<Notification> out = new ArrayList<>();
        for (RunLine run : report.recentRuns()) {
            if (run.state().equals("FAILED") && notifiedRuns.add(run.runId())) {
                out.add(new Notification(Notification.Kind.RUN_FAILED, run.orgId(), run.runId(),
                        "extract " + run.extractName() + " of [" + run.rangeStart() + " .. " + run.rangeEnd()
                                + ") failed: " + run.error(),
                        "see `amiconnect runs --org " + run.orgId() + " --state failed`; after fixing the cause, "
                                + "re-run the range with `amiconnect extract --org " + run.orgId() + " --start "
                                + run.rangeStart().toString().substring(0, 10) + " --end "
                                + run.rangeEnd().toString().substring(0, 10) + " --wait`"));
            }
        }
        Set<String> checksNow = new HashSet<>(report.failedChecks());
        for (String check : report.failedChecks()) {
            if (openChecks.add(check)) {
                out.add(new Notification(Notification.Kind.CHECK_FAILED, null, null, check,
                        "run `amiconnect checks run` for the examples; docs/warehouse.md explains each check"));
            }
        }
        openChecks.retainAll(checksNow);
        Duration window = settings.spikeWindow();
        for (OrgStatus org : report.orgs()) {
            long recent = report.deadLettersInSpikeWindow().getOrDefault(org.orgId(), 0L);
            if (recent >= settings.deadLetterSpike()) {
                if (spiking.add(org.orgId())) {
                    out.add(new Notification(Notification.Kind.DEAD_LETTER_SPIKE, org.orgId(), null,
                            recent + " record(s) dead-lettered in the last " + window.toMinutes() + " min",
                            "reasons on the status page; read them with a consumer of ami.dlq; fix and replay the "
                                    + "raw range (docs/archive.md)"));
                }
            } else {
                spiking.remove(org.orgId());
            }
            boolean isStale = org.problems().stream().anyMatch(p -> p.startsWith("stale") || p.equals("no reads loaded"));
            if (isStale) {
                if (stale.add(org.orgId())) {
                    out.add(new Notification(Notification.Kind.STALE_ORG, org.orgId(),
                            org.lastSuccess().map(RunLine::runId).orElse(null),
                            org.newestFlowtime().map(t -> "newest read loaded is from " + t).orElse("no reads loaded")
                                    + "; nothing newer for more than " + settings.staleAfter().toHours() + " h",
                            "check the org's recent runs (`amiconnect runs --org " + org.orgId()
                                    + "`) and the vendor's system; `amiconnect status` shows lag and dead letters"));
                }
            } else {
                stale.remove(org.orgId());
            }
        }
        return out;
    }
}
