package org.amiconnect.archiver.store;

/** An archive store could not do what was asked; the message names the store and the object. */
public final class ArchiveStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArchiveStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
