package org.amiconnect.schemas.registry;

/** The requested subject does not exist (HTTP 404, Confluent error code 40401). */
public class UnknownSubjectException extends ConfluentErrorException {

    private static final long serialVersionUID = 1L;

    public UnknownSubjectException(String subject, String registry) {
        super("Subject '" + subject + "' is not registered in " + registry, 404, ConfluentRest.SUBJECT_NOT_FOUND, null);
    }
}
