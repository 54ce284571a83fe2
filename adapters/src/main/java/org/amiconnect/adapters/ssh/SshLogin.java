package org.amiconnect.adapters.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.amiconnect.core.config.Secret;

/**
 * How to sign in: a password, a private key given as text (PEM or OpenSSH format, e.g. the predecessor's
 * {@code ssh_tunnel_private_key} secret), or a private key file (its {@code ssh_tunnel_key_path}). RSA and ECDSA keys
 * are read in every format; Ed25519 keys in the OpenSSH format. {@link #toString()} never shows a secret.
 */
public sealed interface SshLogin {

    /** What the login is, for errors: {@code password}, {@code private key}, {@code key file /path}. */
    String describe();

    /** Signs in with {@code password}. */
    static SshLogin password(Secret password) {
        return new Password(password);
    }

    /** Signs in with the private key {@code keyText}, decrypted with {@code passphrase} when it is encrypted. */
    static SshLogin privateKey(Secret keyText, Optional<Secret> passphrase) {
        return new PrivateKeyText(keyText, passphrase);
    }

    /** Signs in with the private key in {@code file}, decrypted with {@code passphrase} when it is encrypted. */
    static SshLogin keyFile(Path file, Optional<Secret> passphrase) {
        return new KeyFile(file, passphrase);
    }

    /** @param password the user's password */
    record Password(Secret password) implements SshLogin {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String describe() {
            return "password";
        }
    }

    /** @param keyText the private key's text; @param passphrase when the key is encrypted */
    record PrivateKeyText(Secret keyText, Optional<Secret> passphrase) implements SshLogin {
        public PrivateKeyText {
            Objects.requireNonNull(keyText, "keyText");
            passphrase = passphrase == null ? Optional.empty() : passphrase;
        }

        @Override
        public String describe() {
            return "private key";
        }
    }

    /** @param file the private key file; @param passphrase when the key is encrypted */
    record KeyFile(Path file, Optional<Secret> passphrase) implements SshLogin {
        public KeyFile {
            Objects.requireNonNull(file, "file");
            passphrase = passphrase == null ? Optional.empty() : passphrase;
        }

        @Override
        public String describe() {
            return "key file " + file;
        }
    }
}
