package org.amiconnect.adapters.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where to sign in, and the host key to expect there.
 *
 * @param orgId the source's org, named in every error
 * @param host the SSH server's host name or address
 * @param port its port (22 by default)
 * @param user the user to sign in as
 * @param knownHosts the server's host key as one or more known_hosts lines ({@code host ssh-ed25519 AAAA…}, as
 *     {@code ssh-keyscan} prints them; the predecessor's {@code sftp_known_hosts_str}); the server must offer one of
 *     these keys. The lines' host patterns are not matched: the configured key is the identity checked
 * @param timeout limit of connecting, of the key exchange and of signing in, each
 */
public record SshTarget(String orgId, String host, int port, String user, String knownHosts, Duration timeout) {

    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public SshTarget {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SSH port " + port + " is not between 1 and 65535");
        }
    }

    /** The target on {@link #DEFAULT_PORT} with the {@link #DEFAULT_TIMEOUT}. */
    public SshTarget(String orgId, String host, String user, String knownHosts) {
        this(orgId, host, DEFAULT_PORT, user, knownHosts, DEFAULT_TIMEOUT);
    }

    /** {@code host:port}, as errors name the server. */
    public String address() {
        return host + ":" + port;
    }
}
