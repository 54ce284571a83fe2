package org.amiconnect.schemas.registry;

/** A schema text is not a valid Avro schema (HTTP 422, Confluent error code 42201). */
public class InvalidSchemaException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message) {
        this(message, null);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(message, 422, ConfluentRest.INVALID_SCHEMA, cause);
    }
}
