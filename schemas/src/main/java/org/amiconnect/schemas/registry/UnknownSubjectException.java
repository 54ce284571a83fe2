package org.amiconnect.schemas.registry;

/** The requested subject does not exist (Confluent error code 40401). */
public class UnknownSubjectException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final String subject;

    public UnknownSubjectException(String subject, String registry) {
        super("Subject '" + subject + "' is not registered in " + registry);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
