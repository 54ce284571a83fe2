package org.amiconnect.schemas.registry;

/**
 * Two different schemas hash to the same fingerprint-derived id. The registry refuses the second one rather than let
 * records written with it be read with the first. Renaming or reordering anything in the new schema changes its id.
 * Answered as HTTP 409 (Confluent has no error code of its own for it, so the code is 409 too).
 */
public class SchemaIdCollisionException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    public SchemaIdCollisionException(int id, String registered, String rejected, String registry) {
        super("Schema id collision in " + registry + ": id " + id + " already belongs to " + registered
                + ", so the different schema " + rejected + " cannot be registered with it", 409, 409, null);
    }
}
