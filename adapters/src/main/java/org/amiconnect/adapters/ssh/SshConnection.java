package org.amiconnect.adapters.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One signed-in SSH session to a vendor's server, with its own client: open it with {@link #open}, use
 * {@link #sftp()} for files or {@link #openTunnel} for a database behind the server, and close it (which closes its
 * SFTP channels and tunnels too). Not shared between threads that open channels concurrently.
 *
 * <p>Nothing of the account the process runs as is used: no {@code ~/.ssh/config}, keys or agent. The server's host key must be one of the {@link SshTarget#knownHosts()}; any other is refused before a credential
 * is sent, with an error naming the org, the server and both fingerprints. A refused login fails at once (no retry)
 * naming the org, the server, the user and the kind of credential.
 */
public final class SshConnection implements AutoCloseable {

    private final SshTarget target;
    private final SshClient client;
    private final ClientSession session;

    private SshConnection(SshTarget target, SshClient client, ClientSession session) {
        this.target = target;
        this.client = client;
        this.session = session;
    }

    /**
     * Connects to {@code target}, checks its host key and signs in with {@code login}.
     *
     * @throws IllegalArgumentException when {@link SshTarget#knownHosts()} holds no usable key
     * @throws SshFailure {@link SshFailure.Kind#HOST_KEY} for a host key not configured; {@link SshFailure.Kind#AUTH}
     *     for refused credentials or an unreadable key; {@link SshFailure.Kind#CONNECTION} when the server cannot be
     *     reached or the connection breaks
     */
    public static SshConnection open(SshTarget target, SshLogin login) throws SshFailure {
        KnownHostKeys hostKeys;
        try {
            hostKeys = KnownHostKeys.parse(target.knownHosts());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(target) + ": the known-hosts entry " + e.getMessage(), e);
        }
        List<KeyPair> keys = identities(target, login);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // only the source's credentials: never the keys or agent of the account the process runs as
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.start();
        ClientSession session = null;
        try {
            try {
                session = client.connect(target.user(), target.host(), target.port())
                        .verify(target.timeout()).getSession();
            } catch (IOException e) {
                throw new SshFailure(SshFailure.Kind.CONNECTION, where(target) + ": cannot connect to "
                        + target.address() + ": " + e.getMessage(), e);
            }
            if (login instanceof SshLogin.Password p) {
                session.addPasswordIdentity(p.password().reveal());
            }
            keys.forEach(session::addPublicKeyIdentity);
            try {
                session.auth().verify(target.timeout());
            } catch (IOException e) {
                PublicKey offered = hostKeys.refusedKey();
                if (offered != null) {
                    throw new SshFailure(SshFailure.Kind.HOST_KEY, where(target) + ": host " + target.address()
                            + " offered host key " + KnownHostKeys.fingerprint(offered)
                            + ", which is not the configured one (" + hostKeys.fingerprints() + "); refused. If the"
                            + " server's key really changed, put its new known_hosts line (ssh-keyscan) in the"
                            + " source's config", e);
                }
                if (session.isOpen() || isAuthRefusal(e)) {
                    throw new SshFailure(SshFailure.Kind.AUTH, where(target) + ": host " + target.address()
                            + " refused the login of user '" + target.user() + "' with " + login.describe(), e);
                }
                throw new SshFailure(SshFailure.Kind.CONNECTION, where(target) + ": the connection to "
                        + target.address() + " broke while signing in: " + e.getMessage(), e);
            }
            return new SshConnection(target, client, session);
        } catch (SshFailure | RuntimeException e) {
            closeQuietly(session, client);
            throw e;
        }
    }

    private static boolean isAuthRefusal(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("authentication") || message.contains("auth ");
    }

    private static List<KeyPair> identities(SshTarget target, SshLogin login) throws SshFailure {
        try {
            if (login instanceof SshLogin.PrivateKeyText k) {
                return read(k.keyText().reveal().getBytes(StandardCharsets.UTF_8), k.passphrase(), "the private key");
            }
            if (login instanceof SshLogin.KeyFile f) {
                return read(Files.readAllBytes(f.file()), f.passphrase(), "key file " + f.file());
            }
            return List.of();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the parser's message may quote the key's text: keep it out
            throw new SshFailure(SshFailure.Kind.AUTH, where(target) + ": cannot read " + login.describe()
                    + " for user '" + target.user() + "' at " + target.address() + " (" + e.getClass().getSimpleName()
                    + "; expected an unencrypted or passphrase-protected RSA, ECDSA or Ed25519 private key in PEM or"
                    + " OpenSSH format)", null);
        }
    }

    private static List<KeyPair> read(byte[] text, Optional<Secret> passphrase, String what)
            throws IOException, GeneralSecurityException {
        FilePasswordProvider passwords = passphrase.map(p -> FilePasswordProvider.of(p.reveal()))
                .orElse(FilePasswordProvider.EMPTY);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(text)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(what), in,
                    passwords);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        }
        if (pairs.isEmpty()) {
            throw new GeneralSecurityException("no key pair");
        }
        return pairs;
    }

    /**
     * An SFTP channel on this session; close it when done (closing the connection closes it too).
     *
     * @throws SshFailure {@link SshFailure.Kind#CONNECTION} when the channel cannot be opened
     */
    public SftpFolder sftp() throws SshFailure {
        try {
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpFolder(target, sftp);
        } catch (IOException e) {
            throw new SshFailure(SshFailure.Kind.CONNECTION, where(target) + ": cannot open SFTP on "
                    + target.address() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forwards a free port on 127.0.0.1 through this session to {@code remoteHost:remotePort} as the SSH server sees
     * it (e.g. a database in the server's network). The forward lasts until this connection closes.
     *
     * @return the local port to connect to (e.g. in a JDBC URL: {@code jdbc:postgresql://127.0.0.1:<port>/db})
     * @throws SshFailure {@link SshFailure.Kind#REFUSED} when the forward cannot be set up
     */
    public int openTunnel(String remoteHost, int remotePort) throws SshFailure {
        try {
            SshdSocketAddress bound = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress(remoteHost, remotePort));
            return bound.getPort();
        } catch (IOException e) {
            throw new SshFailure(SshFailure.Kind.REFUSED, where(target) + ": cannot forward a local port through "
                    + target.address() + " to " + remoteHost + ":" + remotePort + ": " + e.getMessage(), e);
        }
    }

    /** Whether the session is still open (a dropped connection closes it). */
    public boolean isOpen() {
        return session.isOpen();
    }

    /** The server this connection is signed in to. */
    public SshTarget target() {
        return target;
    }

    @Override
    public void close() {
        closeQuietly(session, client);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }

    static String where(SshTarget target) {
        return "source '" + target.orgId() + "' (SSH " + target.address() + ")";
    }
}
