package org.amiconnect.adapters.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The host keys a source accepts, from its known_hosts lines, as a verifier that remembers what the server offered so
 * that a refusal can name both fingerprints. Only these keys are accepted: there is no "accept any".
 */
final class KnownHostKeys implements ServerKeyVerifier {

    private final List<PublicKey> keys;
    private final AtomicReference<PublicKey> refused = new AtomicReference<>();

    private KnownHostKeys(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses known_hosts lines: {@code [marker] host-patterns key-type base64 [comment]} or, as a convenience, a bare
     * {@code key-type base64} public key. Blank lines and {@code #} comments are skipped; {@code @revoked} lines too.
     *
     * @throws IllegalArgumentException naming the line when a line holds no usable key, or when there is none
     */
    static KnownHostKeys parse(String knownHosts) {
        List<PublicKey> keys = new ArrayList<>();
        int lineNo = 0;
        for (String raw : knownHosts.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@revoked")) {
                continue;
            }
            keys.add(parseLine(line, lineNo));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("holds no host key (expected a known_hosts line like "
                    + "'sftp.example.com ssh-ed25519 AAAA…', as ssh-keyscan prints it)");
        }
        return new KnownHostKeys(keys);
    }

    private static PublicKey parseLine(String line, int lineNo) {
        try {
            AuthorizedKeyEntry key;
            if (line.split("\\s+").length >= 2 && KeyUtils.getPublicKeyEntryDecoder(line.split("\\s+")[0]) != null) {
                key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            } else {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                key = entry == null ? null : entry.getKeyEntry();
            }
            PublicKey publicKey = key == null ? null
                    : key.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            if (publicKey == null) {
                throw new IllegalArgumentException("line " + lineNo + " holds no host key");
            }
            return publicKey;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNo + " is not a known_hosts line with a key this client "
                    + "reads (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        for (PublicKey key : keys) {
            if (KeyUtils.compareKeys(key, serverKey)) {
                return true;
            }
        }
        refused.set(serverKey);
        return false;
    }

    /** The key the server offered and this verifier refused, if it refused one. */
    PublicKey refusedKey() {
        return refused.get();
    }

    /** The accepted keys' SHA-256 fingerprints, e.g. {@code SHA256:abc…}, comma-separated. */
    String fingerprints() {
        return String.join(", ", keys.stream().map(KnownHostKeys::fingerprint).toList());
    }

    /** The SHA-256 fingerprint of {@code key}, with its type: {@code ECDSA SHA256:abc…}. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
