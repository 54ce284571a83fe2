package org.amiconnect.schemas.registry;

/** The subject exists but has no such version (Confluent error code 40402). */
public class UnknownVersionException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final int version;

    public UnknownVersionException(String subject, int version, String registry) {
        super("Subject '" + subject + "' has no version " + version + " in " + registry);
        this.subject = subject;
        this.version = version;
    }

    public String subject() {
        return subject;
    }

    public int version() {
        return version;
    }
}
