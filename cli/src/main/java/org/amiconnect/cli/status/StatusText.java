package org.amiconnect.cli.status;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints a status tree (the shape of {@link StatusReport#toMap()}, read locally or from a running process's
 * {@code /status.json}) as text: one line per org, then consumer lag, failed checks and notes.
 */
public final class StatusText {

    private StatusText() {
    }

    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> status, PrintWriter out) {
        out.printf("%-3s %-22s %-12s %-17s %-22s %-17s %-17s %8s  %s%n", "", "ORG", "VENDOR", "LAST OK (UTC)",
                "RANGE (days)", "NEXT RUN (UTC)", "NEWEST READ (UTC)", "DLQ 24H", "BACKFILLS");
        for (Map<String, Object> org : (List<Map<String, Object>>) status.get("orgs")) {
            Map<String, Object> last = (Map<String, Object>) org.get("last_success");
            Map<String, Object> backfills = (Map<String, Object>) org.get("backfills");
            StringBuilder b = new StringBuilder();
            backfills.forEach((id, p) -> {
                Map<String, Object> progress = (Map<String, Object>) p;
                b.append(b.isEmpty() ? "" : ", ").append(progress.get("succeeded")).append('/')
                        .append(progress.get("chunks")).append(" chunks");
            });
            out.printf("%-3s %-22s %-12s %-17s %-22s %-17s %-17s %8s  %s%n",
                    Boolean.TRUE.equals(org.get("needs_attention")) ? "!!" : "ok", org.get("org_id"),
                    org.get("vendor"), last == null ? "never" : minutes(last.get("updated_at")),
                    last == null ? "-" : day(last.get("range_start")) + ".." + day(last.get("range_end")),
                    minutes(org.get("next_run")), minutes(org.get("newest_flowtime")),
                    ((Number) org.get("dead_letters_24h")).longValue() < 0 ? "?" : org.get("dead_letters_24h"),
                    b.isEmpty() ? "-" : b);
            for (Object problem : (List<Object>) org.get("problems")) {
                out.printf("    %s: %s%n", org.get("org_id"), problem);
            }
        }
        Map<String, Object> lag = (Map<String, Object>) status.get("consumer_lag");
        StringBuilder l = new StringBuilder();
        lag.forEach((service, n) -> l.append(l.isEmpty() ? "" : ", ").append(service).append(' ').append(n));
        out.println("Consumer lag (records): " + (l.isEmpty() ? "no service has committed offsets yet" : l));
        List<Object> checks = (List<Object>) status.get("failed_checks");
        out.println("Failed checks: " + (checks.isEmpty() ? "none known" : ""));
        checks.forEach(c -> out.println("  " + c));
        for (Object note : (List<Object>) status.get("notes")) {
            out.println("Note: " + note);
        }
        out.println(Boolean.TRUE.equals(status.get("needs_attention")) ? "Needs attention (exit 1)"
                : "Everything looks fine (exit 0)");
        out.flush();
    }

    private static String minutes(Object instant) {
        if (instant == null) {
            return "-";
        }
        String s = instant.toString();
        return s.length() >= 16 ? s.substring(0, 16).replace('T', ' ') : s;
    }

    private static String day(Object instant) {
        return instant == null ? "?" : instant.toString().substring(0, 10);
    }
}
