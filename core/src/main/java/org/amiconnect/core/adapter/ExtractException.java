package org.amiconnect.core.adapter;

/** A source could not be read. The message names the org and the source; it never contains a credential. */
public class ExtractException extends Exception {

    /** Why the extract failed, which decides whether it is worth retrying. */
    public enum Kind {
        /** Credentials refused (401/403, bad key): retrying will not help. */
        AUTH,
        /** Timeouts, rate limits, 5xx, broken connections: retry with backoff. */
        TRANSIENT,
        /** The source answered but the answer is unusable (bad request, vendor-side report failure). */
        PERMANENT
    }

    private final Kind kind;

    public ExtractException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ExtractException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.TRANSIENT;
    }
}
