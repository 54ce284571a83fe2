package org.amiconnect.cli.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.amiconnect.cli.status.OrgStatus;
import org.amiconnect.cli.status.RunLine;
import org.amiconnect.cli.status.StatusReport;

/**
 * The status page: the facts of {@code amiconnect status} as one static HTML page (no script, styles inline), a
 * chart of readings per day per org for the last 30 days, the recent runs with their errors and the dead letters by
 * reason. Tables scroll sideways on a narrow screen; it refreshes itself every minute.
 */
final class StatusPage {

    static final int CHART_DAYS = 30;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0 auto;padding:12px;max-width:1100px;color:#222}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
            .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9em}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top}
            .ok{color:#146c2e;font-weight:bold}.bad{color:#b00020;font-weight:bold}
            .problems{color:#b00020;margin:0;padding-left:1.2em}
            .chart{width:100%;max-width:600px;height:auto}.chart rect{fill:#2a6fdb}
            .card{margin:8px 0 16px}small{color:#666}
            """;

    private StatusPage() {
    }

    static String render(StatusReport r, String processName) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"60\">")
                .append("<title>AMI Connect status</title><style>").append(STYLE).append("</style></head><body>");
        b.append("<h1>AMI Connect status <small>").append(Html.escape(processName)).append("</small></h1>");
        b.append("<p id=\"overall\" class=\"").append(r.needsAttention() ? "bad\">Needs attention" : "ok\">All fine")
                .append("</p><p><small>as of ").append(Html.time(r.at())).append(" UTC &middot; <a href=\"/status.json\">JSON</a>")
                .append(" &middot; <a href=\"/metrics\">metrics</a></small></p>");
        orgs(b, r);
        b.append("<h2>Consumer lag</h2><div class=\"scroll\"><table><tr><th>service</th><th>records behind</th></tr>");
        r.consumerLag().forEach((service, n) -> b.append("<tr><td>").append(Html.escape(service)).append("</td><td>")
                .append(String.format("%,d", n)).append("</td></tr>"));
        b.append("</table></div>");
        b.append("<h2>Failed checks</h2>");
        if (r.failedChecks().isEmpty()) {
            b.append("<p>none known</p>");
        } else {
            b.append("<ul class=\"problems\">");
            r.failedChecks().forEach(c -> b.append("<li>").append(Html.escape(c)).append("</li>"));
            b.append("</ul>");
        }
        charts(b, r);
        runs(b, r.recentRuns());
        b.append("<h2>Dead letters by reason (24 h)</h2>");
        if (r.deadLettersByReason().isEmpty()) {
            b.append("<p>none</p>");
        } else {
            b.append("<div class=\"scroll\"><table><tr><th>reason</th><th>records</th></tr>");
            r.deadLettersByReason().forEach((reason, n) -> b.append("<tr><td>").append(Html.escape(reason))
                    .append("</td><td>").append(String.format("%,d", n)).append("</td></tr>"));
            b.append("</table></div>");
        }
        if (!r.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>");
        }
        return b.append("</body></html>").toString();
    }

    private static void orgs(StringBuilder b, StatusReport r) {
        b.append("<h2>Orgs</h2><div class=\"scroll\"><table id=\"orgs\"><tr><th></th><th>org</th><th>vendor</th>")
                .append("<th>last success (UTC)</th><th>next run</th><th>newest read</th><th>dead letters 24 h</th>")
                .append("<th>backfills</th></tr>");
        for (OrgStatus o : r.orgs()) {
            b.append("<tr class=\"org\" data-org=\"").append(Html.escape(o.orgId())).append("\"><td class=\"")
                    .append(o.needsAttention() ? "bad\">!!" : "ok\">ok").append("</td><td>")
                    .append(Html.escape(o.orgId())).append("</td><td>").append(Html.escape(o.vendor()))
                    .append("</td><td>")
                    .append(o.lastSuccess().map(l -> Html.time(l.updatedAt()) + "<br><small>"
                            + Html.time(l.rangeStart()) + " .. " + Html.time(l.rangeEnd()) + "</small>")
                            .orElse("never"))
                    .append("</td><td>").append(o.nextRun().map(Html::time).orElse("-"))
                    .append("</td><td>").append(o.newestFlowtime().map(Html::time).orElse("-"))
                    .append("</td><td>").append(o.deadLetters24h() < 0 ? "?" : String.format("%,d", o.deadLetters24h()))
                    .append("</td><td>");
            o.backfills().forEach((id, p) -> b.append(Html.escape(id)).append(": ").append(p).append("<br>"));
            b.append("</td></tr>");
            if (o.needsAttention()) {
                b.append("<tr><td></td><td colspan=\"7\"><ul class=\"problems\">");
                o.problems().forEach(p -> b.append("<li>").append(Html.escape(p)).append("</li>"));
                b.append("</ul></td></tr>");
            }
        }
        b.append("</table></div>");
    }

    private static void charts(StringBuilder b, StatusReport r) {
        b.append("<h2>Reads per day, last ").append(CHART_DAYS).append(" days</h2>");
        LocalDate today = LocalDate.ofInstant(r.at(), ZoneOffset.UTC);
        for (OrgStatus o : r.orgs()) {
            Map<LocalDate, Long> perDay = r.readsPerDay().getOrDefault(o.orgId(), Map.of());
            b.append("<div class=\"card\"><strong>").append(Html.escape(o.orgId())).append("</strong> <small>")
                    .append(String.format("%,d", perDay.values().stream().mapToLong(Long::longValue).sum()))
                    .append(" reads by read time</small><br>")
                    .append(ReadsChart.svg(o.orgId(), perDay, today, CHART_DAYS)).append("</div>");
        }
    }

    private static void runs(StringBuilder b, List<RunLine> runs) {
        b.append("<h2>Recent runs</h2><div class=\"scroll\"><table id=\"runs\"><tr><th>updated</th><th>state</th>")
                .append("<th>org</th><th>extract</th><th>range</th><th>records</th><th>run / error</th></tr>");
        for (RunLine run : runs) {
            boolean failed = run.state().equals("FAILED") || run.state().equals("REJECTED");
            b.append("<tr><td>").append(Html.time(run.updatedAt())).append("</td><td class=\"")
                    .append(failed ? "bad" : "ok").append("\">").append(run.state()).append("</td><td>")
                    .append(Html.escape(run.orgId())).append("</td><td>").append(Html.escape(run.extractName()))
                    .append("</td><td>").append(Html.time(run.rangeStart())).append(" .. ")
                    .append(Html.time(run.rangeEnd())).append("</td><td>")
                    .append(String.format("%,d", run.records())).append("</td><td>").append(Html.escape(run.runId()));
            if (run.error() != null) {
                b.append("<br><span class=\"bad\">").append(Html.escape(run.error())).append("</span>");
            }
            b.append("</td></tr>");
        }
        b.append("</table></div>");
    }
}
