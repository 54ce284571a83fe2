package org.amiconnect.archiver.format;

/** An archive object that cannot be read back whole; the message names the object and what is wrong with it. */
public final class CorruptArchiveObjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public CorruptArchiveObjectException(String key, String problem, Throwable cause) {
        super("Archive object " + key + " is corrupt or truncated: " + problem, cause);
        this.key = key;
    }

    /** The object's key. */
    public String key() {
        return key;
    }
}
