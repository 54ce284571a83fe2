package org.amiconnect.simulators.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.sshd.SimulatedSshServer;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A vendor database behind an SSH bastion, as Metersense and Moulton Niguel run theirs: a {@link ScratchDatabase} on
 * PostgreSQL that the vendor simulator fills, and a {@link SimulatedSshServer} that forwards to it and accepts the
 * source's own credentials ({@code ssh_tunnel_username} with {@code ssh_tunnel_password} and/or the public half of
 * {@code ssh_tunnel_private_key}).
 *
 * <p>The {@link #endpoint()} names the bastion and carries, as URL-encoded query parameters, its generated host key
 * ({@code known_hosts}), the database's address as the bastion reaches it ({@code database_host},
 * {@code database_port}) and a JDBC URL template that selects the scratch schema ({@code database_url}).
 */
public final class BastionDatabase implements VendorSimulator {

    private final ScratchDatabase database;
    private final SimulatedSshServer bastion;
    private final Path root;

    private BastionDatabase(ScratchDatabase database, SimulatedSshServer bastion, Path root) {
        this.database = database;
        this.bastion = bastion;
        this.root = root;
    }

    /**
     * Starts the bastion in front of {@code database} (which it then owns and drops on close).
     *
     * @throws IllegalArgumentException when the source has no user, or neither a password nor a private key
     */
    public static BastionDatabase start(ScratchDatabase database, SimulatedSource source) {
        try {
            Path root = Files.createTempDirectory("bastion-");
            SimulatedSshServer.Builder builder = SimulatedSshServer.builder()
                    .user(source.credential("ssh_tunnel_username")).sftpRoot(root);
            String password = source.credentials().get("ssh_tunnel_password");
            String key = source.credentials().get("ssh_tunnel_private_key");
            if (password == null && key == null) {
                throw new IllegalArgumentException("the simulated bastion needs the source's ssh_tunnel_password or "
                        + "ssh_tunnel_private_key in secrets.yaml (a key file cannot be simulated)");
            }
            if (password != null) {
                builder.password(password);
            }
            if (key != null) {
                builder.authorizedKey(publicHalf(key, source.credentials().get("ssh_tunnel_private_key_passphrase"))
                        .getPublic());
            }
            return new BastionDatabase(database, builder.start(), root);
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static KeyPair publicHalf(String keyText, String passphrase) {
        try (InputStream in = new ByteArrayInputStream(keyText.getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(Path.of("key")), in,
                    passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase));
            if (pairs != null) {
                for (KeyPair pair : pairs) {
                    return pair;
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the source's ssh_tunnel_private_key cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException("the source's ssh_tunnel_private_key holds no key");
    }

    @Override
    public URI endpoint() {
        return URI.create("ssh://" + bastion.host() + ":" + bastion.port() + "/?known_hosts="
                + encode(bastion.knownHostsLine()) + "&database_host=" + encode(database.host()) + "&database_port="
                + database.port() + "&database_url=" + encode(database.tunneledUrlTemplate()));
    }

    /** The bastion, for tests that break its connections. */
    public SimulatedSshServer bastion() {
        return bastion;
    }

    /** The filled database. */
    public ScratchDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            bastion.close();
        } finally {
            database.close();
            try {
                Files.deleteIfExists(root);
            } catch (IOException ignored) {
                // an empty temporary folder left behind
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
