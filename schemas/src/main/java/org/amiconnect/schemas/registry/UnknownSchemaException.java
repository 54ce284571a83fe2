package org.amiconnect.schemas.registry;

/** No schema is registered with the requested id (HTTP 404, Confluent error code 40403). */
public class UnknownSchemaException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param registry describes the registry that was asked, e.g. "the in-memory schema registry"
     */
    public UnknownSchemaException(int id, String registry) {
        super("Schema id " + id + " is not registered in " + registry, 404, ConfluentRest.SCHEMA_NOT_FOUND, null);
    }
}
