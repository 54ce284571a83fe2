package org.amiconnect.simulators.sshd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SSH server on a free loopback port (Apache MINA SSHD) standing in for a vendor's SFTP server or SSH
 * bastion: a host key generated at start (ECDSA P-256), one user who signs in with a password and/or public keys, the
 * SFTP subsystem serving one local folder as its root, and TCP (local port) forwarding to any address.
 *
 * <p>For tests of broken connections, {@link #dropConnections()} closes every session at once (SFTP transfers and
 * forwarded connections with them), and {@link #dropConnectionsAfterSftpBytes} does so once a number of file bytes has
 * been sent. Start with {@link #builder()}; {@link #close()} stops it.
 */
public final class SimulatedSshServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSshServer.class);

    private final SshServer server;
    private final PublicKey hostKey;
    private final Path root;
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicLong sftpBytesSent = new AtomicLong();
    private final AtomicLong dropAfterBytes = new AtomicLong(-1);

    private SimulatedSshServer(SshServer server, PublicKey hostKey, Path root) {
        this.server = server;
        this.hostKey = hostKey;
        this.root = root;
    }

    /** A builder: set the user and at least one of a password or an authorized key, and the SFTP root. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1}, where the server listens. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The folder SFTP serves as its root ({@code /}); remote paths are relative to it. */
    public Path root() {
        return root;
    }

    /** The server's public host key. */
    public PublicKey hostKey() {
        return hostKey;
    }

    /**
     * The server's known_hosts line, as {@code ssh-keyscan -p <port> 127.0.0.1} prints it:
     * {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA…}.
     */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey);
    }

    /** The SHA-256 fingerprint of the host key, e.g. {@code SHA256:abc…}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey);
    }

    /**
     * The server as a simulated source's endpoint: {@code sftp://127.0.0.1:<port>/?known_hosts=<the line, URL-encoded>},
     * so the client checks the host key this server generated instead of the configured one.
     */
    public URI endpoint() {
        return URI.create("sftp://" + host() + ":" + port() + "/?known_hosts="
                + URLEncoder.encode(knownHostsLine(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Logins refused so far (wrong password or key). */
    public int failedLogins() {
        return failedLogins.get();
    }

    /** File bytes sent over SFTP so far. */
    public long sftpBytesSent() {
        return sftpBytesSent.get();
    }

    /** The sessions currently open. */
    public int openSessions() {
        return server.getActiveSessions().size();
    }

    /** Closes every open session now: transfers and forwarded connections break mid-stream. The server keeps running. */
    public void dropConnections() {
        List<? extends ServerSession> sessions = List.copyOf(server.getActiveSessions().stream()
                .map(ServerSession.class::cast).toList());
        for (ServerSession session : sessions) {
            session.close(true);
        }
        log.info("Simulated SSH server on port {} dropped {} session(s)", port(), sessions.size());
    }

    /**
     * Drops every session (as {@link #dropConnections()}) once {@code bytes} more file bytes have been sent over SFTP;
     * once only: later transfers go through.
     */
    public void dropConnectionsAfterSftpBytes(long bytes) {
        dropAfterBytes.set(sftpBytesSent.get() + bytes);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            log.warn("Simulated SSH server on port {} did not stop cleanly", port(), e);
        }
    }

    private void afterRead(int bytes) {
        long sent = sftpBytesSent.addAndGet(Math.max(0, bytes));
        long limit = dropAfterBytes.get();
        if (limit >= 0 && sent >= limit && dropAfterBytes.compareAndSet(limit, -1)) {
            // not on the SFTP thread: closing a session from inside its own handler would wait for itself
            Thread dropper = new Thread(this::dropConnections, "sshd-drop");
            dropper.setDaemon(true);
            dropper.start();
        }
    }

    /** What the server accepts and serves. */
    public static final class Builder {

        private String user;
        private String password;
        private final List<PublicKey> authorizedKeys = new CopyOnWriteArrayList<>();
        private Path root;

        private Builder() {
        }

        /** The one user who may sign in. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user);
            return this;
        }

        /** The user's password; without one, password logins are refused. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** A public key the user may sign in with (may be given several times). */
        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(Objects.requireNonNull(key));
            return this;
        }

        /** The folder SFTP serves as {@code /}. */
        public Builder sftpRoot(Path root) {
            this.root = Objects.requireNonNull(root);
            return this;
        }

        /**
         * Starts the server on a free loopback port.
         *
         * @throws IllegalStateException when the user, a credential or the SFTP root is missing
         * @throws UncheckedIOException when it cannot listen
         */
        public SimulatedSshServer start() {
            if (user == null || root == null || (password == null && authorizedKeys.isEmpty())) {
                throw new IllegalStateException("the simulated SSH server needs a user, a password or an authorized "
                        + "key, and an SFTP root folder");
            }
            KeyPair hostKeys = generateHostKey();
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
            sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
            SimulatedSshServer[] self = new SimulatedSshServer[1];
            String expectedUser = user;
            String expectedPassword = password;
            List<PublicKey> keys = List.copyOf(authorizedKeys);
            sshd.setPasswordAuthenticator((u, p, session) -> {
                boolean ok = expectedPassword != null && expectedUser.equals(u) && expectedPassword.equals(p);
                if (!ok) {
                    self[0].failedLogins.incrementAndGet();
                }
                return ok;
            });
            if (!keys.isEmpty()) {
                sshd.setPublickeyAuthenticator((u, key, session) ->
                        expectedUser.equals(u) && keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
            }
            sshd.setKeyboardInteractiveAuthenticator(null);
            SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
            sftp.addSftpEventListener(new SftpEventListener() {
                @Override
                public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen, int readLen, Throwable thrown) {
                    self[0].afterRead(readLen);
                }
            });
            sshd.setSubsystemFactories(List.of(sftp));
            self[0] = new SimulatedSshServer(sshd, hostKeys.getPublic(), root.toAbsolutePath());
            try {
                sshd.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the simulated SSH server cannot listen on 127.0.0.1", e);
            }
            log.info("Simulated SSH server on 127.0.0.1:{} serving {} (host key {})", sshd.getPort(), root,
                    self[0].hostKeyFingerprint());
            return self[0];
        }

        private static KeyPair generateHostKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM cannot generate an ECDSA P-256 host key", e);
            }
        }
    }
}
