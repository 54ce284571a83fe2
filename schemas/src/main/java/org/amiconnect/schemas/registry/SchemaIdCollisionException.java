package org.amiconnect.schemas.registry;

/**
 * Two different schemas hash to the same fingerprint-derived id. The registry refuses the second one rather than let
 * records written with it be read with the first. Renaming or reordering anything in the new schema changes its id.
 */
public class SchemaIdCollisionException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int id;

    public SchemaIdCollisionException(int id, String registered, String rejected, String registry) {
        super("Schema id collision in " + registry + ": id " + id + " already belongs to " + registered
                + ", so the different schema " + rejected + " cannot be registered with it");
        this.id = id;
    }

    public int id() {
        return id;
    }
}
