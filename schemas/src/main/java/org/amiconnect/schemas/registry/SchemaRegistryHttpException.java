package org.amiconnect.schemas.registry;

/** A schema registry answered an HTTP request with an error. The message names the request, never credentials. */
public class SchemaRegistryHttpException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    /** @param errorCode Confluent's {@code error_code} from the response body, or the HTTP status when it had none */
    public SchemaRegistryHttpException(String message, int status, int errorCode) {
        super(message, status, errorCode, null);
    }
}
