package org.amiconnect.schemas.registry;

/** A schema registry could not answer: unreachable, refused the request, or holds inconsistent data. */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
