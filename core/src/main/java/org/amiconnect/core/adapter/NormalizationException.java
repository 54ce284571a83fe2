package org.amiconnect.core.adapter;

/** A raw record cannot be normalized. The message names the record (source and row) and the offending field. */
public class NormalizationException extends Exception {

    private final String field;

    public NormalizationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public NormalizationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The raw field that could not be normalized, or null when the record as a whole failed. */
    public String field() {
        return field;
    }
}
