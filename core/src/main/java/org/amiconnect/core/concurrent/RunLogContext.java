package org.amiconnect.core.concurrent;

/**
 * The names of the log context (SLF4J MDC) entries that tie a log line to an extract run: set while a run executes, so
 * every line about it carries them (the text format appends {@code [org=… run=…]}, {@code --log-format json} writes
 * them in the line's {@code mdc} object).
 */
public final class RunLogContext {

    /** The run's org id. */
    public static final String ORG = "org";
    /** The run id, e.g. {@code demo_beacon_utility.standard.20261127T005500Z.48bdb2ac}. */
    public static final String RUN_ID = "run_id";

    private RunLogContext() {
    }
}
