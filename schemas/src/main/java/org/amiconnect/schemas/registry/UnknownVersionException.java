package org.amiconnect.schemas.registry;

/** The subject exists but has no such version (HTTP 404, Confluent error code 40402). */
public class UnknownVersionException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    public UnknownVersionException(String subject, int version, String registry) {
        super("Subject '" + subject + "' has no version " + version + " in " + registry, 404,
                ConfluentRest.VERSION_NOT_FOUND, null);
    }
}
