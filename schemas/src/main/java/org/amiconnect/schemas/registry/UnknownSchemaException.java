package org.amiconnect.schemas.registry;

/** No schema is registered with the requested id (Confluent error code 40403). */
public class UnknownSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int id;

    /**
     * @param registry describes the registry that was asked, e.g. "the in-memory schema registry"
     */
    public UnknownSchemaException(int id, String registry) {
        super("Schema id " + id + " is not registered in " + registry);
        this.id = id;
    }

    public int id() {
        return id;
    }
}
