package org.amiconnect.extractor.runs;

/**
 * A run stopped without a final state: the extractor is shutting down, its org moved to another extractor instance,
 * or another instance fenced this one's producer. Its open transaction is aborted and its request stays unconsumed,
 * so the instance that owns the org next runs it again.
 */
public final class RunAbandonedException extends RuntimeException {

    public RunAbandonedException(String message) {
        super(message);
    }

    public RunAbandonedException(String message, Throwable cause) {
        super(message, cause);
    }
}
