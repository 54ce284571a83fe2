package org.amiconnect.loader.checks;

/** The outcome of one data-quality check. */
public enum CheckStatus {
    PASSED,
    /** Found something worth a look that is not an error (logged and counted, not notified). */
    WARNING,
    FAILED
}
