package org.amiconnect.adapters.ssh;

import java.io.IOException;

/**
 * An SSH or SFTP operation failed. The message names the org and the server ({@code host:port}) and, for files, the
 * remote path; never a credential. {@link #kind()} says whether trying again may help.
 */
public class SshFailure extends IOException {

    /** Why it failed. */
    public enum Kind {
        /** The server offered a host key other than the configured one: never retried, an operator must look. */
        HOST_KEY,
        /** The credentials were refused, or the key could not be read: retrying will not help. */
        AUTH,
        /** A missing file or folder, a refused forward: the same request gets the same answer. */
        REFUSED,
        /** The server could not be reached, or the connection broke: try again later. */
        CONNECTION
    }

    private final Kind kind;

    public SshFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a later attempt may succeed ({@link Kind#CONNECTION}). */
    public boolean retryable() {
        return kind == Kind.CONNECTION;
    }
}
