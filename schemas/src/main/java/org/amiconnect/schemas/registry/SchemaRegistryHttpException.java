package org.amiconnect.schemas.registry;

/** A schema registry answered an HTTP request with an error. The message names the request, never credentials. */
public class SchemaRegistryHttpException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public SchemaRegistryHttpException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} from the response body, or the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }
}
