package org.amiconnect.loader.checks;

import java.util.List;
import java.util.Objects;

/**
 * What one check found.
 *
 * @param check the check's name
 * @param status passed, warning or failed
 * @param summary one line for the log and the notification
 * @param violations how many offending keys (devices, readings, days) there are
 * @param examples the first few of them, readable
 */
public record CheckResult(String check, CheckStatus status, String summary, long violations, List<String> examples) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        examples = List.copyOf(examples);
    }

    public static CheckResult passed(String check, String summary) {
        return new CheckResult(check, CheckStatus.PASSED, summary, 0, List.of());
    }
}
