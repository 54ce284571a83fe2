package org.amiconnect.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Known-hosts lines as operators paste them from ssh-keyscan. */
class KnownHostKeysTest {

    private static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @Test
    void anEd25519LineIsRead() {
        KnownHostKeys keys = KnownHostKeys.parse("sftp.example.com ssh-ed25519 " + ED25519);

        assertThat(keys.fingerprints()).startsWith("ssh-ed25519 SHA256:");
    }

    @Test
    void severalLinesWithCommentsAndBlankLinesAreAllAccepted() {
        KnownHostKeys keys = KnownHostKeys.parse("# sftp.example.com:22 SSH-2.0-OpenSSH\n\n"
                + "sftp.example.com ssh-ed25519 " + ED25519 + "\n"
                + "ssh-ed25519 " + ED25519 + " a bare key\n");

        assertThat(keys.fingerprints().split(", ")).hasSize(2);
    }

    @Test
    void aLineWithoutAKeyNamesItsLineNumber() {
        assertThatThrownBy(() -> KnownHostKeys.parse("# comment\nsftp.example.com ssh-rsa abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }
}
