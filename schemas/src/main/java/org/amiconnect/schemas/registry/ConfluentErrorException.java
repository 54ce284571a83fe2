package org.amiconnect.schemas.registry;

/**
 * A schema registry failure that Confluent's REST API names with an HTTP status and an {@code error_code} (see
 * {@link ConfluentRest}). Each subclass fixes its pair, so the embedded registry's REST server answers any of them
 * without a case per class, and the HTTP client reports what a remote registry answered.
 */
public abstract class ConfluentErrorException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    /**
     * @param status    the HTTP status, e.g. 404
     * @param errorCode Confluent's {@code error_code}, e.g. {@link ConfluentRest#SUBJECT_NOT_FOUND}
     * @param cause     the underlying failure, or null
     */
    protected ConfluentErrorException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code}; for an answer whose body had none, the HTTP status. */
    public int errorCode() {
        return errorCode;
    }
}
