package org.amiconnect.schemas.registry;

/** A schema text is not a valid Avro schema (Confluent error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message) {
        super(message);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
