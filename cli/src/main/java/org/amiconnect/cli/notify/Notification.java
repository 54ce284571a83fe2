package org.amiconnect.cli.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing an operator must hear about.
 *
 * @param kind what happened
 * @param orgId the org it concerns, or null (a failed check concerns a sink)
 * @param runId the extract run it concerns, or null
 * @param error what went wrong, one sentence
 * @param hint what to do or look at next
 */
public record Notification(Kind kind, String orgId, String runId, String error, String hint) {

    /** The events that notify. */
    public enum Kind {
        RUN_FAILED("extract run failed"),
        CHECK_FAILED("data-quality check failed"),
        DEAD_LETTER_SPIKE("dead-letter spike"),
        STALE_ORG("org is stale");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** A short subject line (SNS subjects are at most 100 characters). */
    public String subject() {
        String s = "AMI Connect: " + kind.title() + (orgId == null ? "" : " (" + orgId + ")");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    /** The message as text: subject, then org, run, error and hint on their own lines. */
    public String text() {
        StringBuilder b = new StringBuilder(subject());
        if (orgId != null) {
            b.append("\norg: ").append(orgId);
        }
        if (runId != null) {
            b.append("\nrun: ").append(runId);
        }
        b.append("\nerror: ").append(error);
        b.append("\nhint: ").append(hint);
        return b.toString();
    }

    /** The webhook body: Slack's {@code text} plus the fields for other receivers. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text());
        m.put("kind", kind.name());
        m.put("org_id", orgId);
        m.put("run_id", runId);
        m.put("error", error);
        m.put("hint", hint);
        return m;
    }

    /** The same notification with every field passed through {@code redact}. */
    Notification redacted(Redactor redact) {
        return new Notification(kind, redact.apply(orgId), redact.apply(runId), redact.apply(error),
                redact.apply(hint));
    }
}
