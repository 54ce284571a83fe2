package org.amiconnect.cli.runtime;

import java.util.Comparator;
import java.util.Set;

/**
 * The exit codes of {@code amiconnect run --once}, documented in the README. 0 only when every run succeeded and
 * everything it extracted was normalized, loaded and archived without a dead letter. When several things went wrong,
 * the code is the first of them in this order (the summary lists each).
 */
public enum RunOnceExit {
    /** Every extract run succeeded; everything extracted is loaded and archived; no dead letters. */
    OK(0, "everything extracted was normalized, loaded and archived"),
    /** An extract run FAILED (its records were not published). */
    EXTRACT_FAILED(3, "an extract run failed"),
    /** Not everything extracted was normalized and loaded before --timeout (or the transformer stopped). */
    NOT_LOADED(4, "not everything extracted was normalized and loaded"),
    /** The archiver failed to store objects, or did not archive every record of the runs. */
    ARCHIVE_FAILED(5, "the archive does not hold every extracted record"),
    /** Records became dead letters (ami.dlq) instead of standard records. */
    DEAD_LETTERS(6, "records were dead-lettered");

    private final int code;
    private final String meaning;

    RunOnceExit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit of a run --once that found {@code problems}: the first by code, OK when there are none. */
    public static RunOnceExit of(Set<RunOnceExit> problems) {
        return problems.stream().filter(p -> p != OK).min(Comparator.comparingInt(RunOnceExit::code)).orElse(OK);
    }
}
