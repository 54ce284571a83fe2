package org.amiconnect.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.amiconnect.core.config.Secret;
import org.amiconnect.simulators.sshd.SimulatedSshServer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectionTest {

    @TempDir
    Path root;

    private KeyPair userKey;
    private SimulatedSshServer server;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        userKey = rsa.generateKeyPair();
        server = SimulatedSshServer.builder().user("meters").password("s3cret").authorizedKey(userKey.getPublic())
                .sftpRoot(root).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SshTarget target(String knownHosts) {
        return new SshTarget("my_utility", server.host(), server.port(), "meters", knownHosts, Duration.ofSeconds(10));
    }

    @Test
    void passwordLoginListsAndStreamsTheFolder() throws Exception {
        Files.createDirectories(root.resolve("data/sub"));
        Files.writeString(root.resolve("data/b.csv"), "b");
        Files.writeString(root.resolve("data/a.csv"), "hello");
        try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()), SshLogin.password(Secret.of("s3cret")));
                SftpFolder sftp = ssh.sftp()) {
            assertThat(sftp.list("data")).extracting(SftpFolder.RemoteFile::name).containsExactly("a.csv", "b.csv");
            SftpFolder.RemoteFile a = sftp.list("data").get(0);
            assertThat(a.path()).isEqualTo("data/a.csv");
            assertThat(a.size()).isEqualTo(5);
            try (InputStream in = sftp.open(a.path())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            }
        }
    }

    @Test
    void privateKeyTextAndKeyFileLogins() throws Exception {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "test key", null, pem);
        String keyText = pem.toString(StandardCharsets.UTF_8);
        Path keyFile = Files.writeString(root.resolve("id_rsa"), keyText);
        try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()),
                SshLogin.privateKey(Secret.of(keyText), Optional.empty()))) {
            assertThat(ssh.isOpen()).isTrue();
        }
        try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()), SshLogin.keyFile(keyFile,
                Optional.empty()))) {
            assertThat(ssh.isOpen()).isTrue();
        }
    }

    @Test
    void aBareKeyWithoutHostPatternsIsAccepted() throws Exception {
        try (SshConnection ssh = SshConnection.open(target(PublicKeyEntry.toString(server.hostKey())),
                SshLogin.password(Secret.of("s3cret")))) {
            assertThat(ssh.isOpen()).isTrue();
        }
    }

    @Test
    void aWrongHostKeyIsRefusedNamingOrgHostAndBothFingerprints() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair other = ec.generateKeyPair();
        String wrongLine = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(other.getPublic());
        assertThatThrownBy(() -> SshConnection.open(target(wrongLine), SshLogin.password(Secret.of("s3cret"))))
                .isInstanceOfSatisfying(SshFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshFailure.Kind.HOST_KEY);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("my_utility")
                .hasMessageContaining("127.0.0.1:" + server.port())
                .hasMessageContaining(server.hostKeyFingerprint())
                .hasMessageContaining(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(other.getPublic()))
                .hasMessageNotContaining("s3cret");
        assertThat(server.failedLogins()).as("no credential was sent to the unknown host").isZero();
    }

    @Test
    void aKnownHostsEntryWithoutAKeyIsAConfigurationError() {
        assertThatThrownBy(() -> SshConnection.open(target("example.com"), SshLogin.password(Secret.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my_utility")
                .hasMessageContaining("known-hosts");
        assertThatThrownBy(() -> SshConnection.open(target(""), SshLogin.password(Secret.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no host key");
    }

    @Test
    void aWrongPasswordFailsFastNamingOrgAndHost() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> SshConnection.open(target(server.knownHostsLine()),
                SshLogin.password(Secret.of("wrong-password"))))
                .isInstanceOfSatisfying(SshFailure.class, e -> assertThat(e.kind()).isEqualTo(SshFailure.Kind.AUTH))
                .hasMessageContaining("my_utility")
                .hasMessageContaining("127.0.0.1:" + server.port())
                .hasMessageContaining("user 'meters'")
                .hasMessageNotContaining("wrong-password");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(server.failedLogins()).isPositive();
    }

    @Test
    void anUnreadableKeyIsAnAuthFailureThatDoesNotQuoteTheKey() {
        assertThatThrownBy(() -> SshConnection.open(target(server.knownHostsLine()),
                SshLogin.privateKey(Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n"), Optional.empty())))
                .isInstanceOfSatisfying(SshFailure.class, e -> assertThat(e.kind()).isEqualTo(SshFailure.Kind.AUTH))
                .hasMessageContaining("my_utility").hasMessageNotContaining("not-a-key");
    }

    @Test
    void anUnreachableServerIsARetryableConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SshTarget nowhere = new SshTarget("my_utility", "127.0.0.1", closedPort, "meters", server.knownHostsLine(),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> SshConnection.open(nowhere, SshLogin.password(Secret.of("s3cret"))))
                .isInstanceOfSatisfying(SshFailure.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void aConnectionDroppedMidDownloadFailsTheReadAndAReconnectSucceeds() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        server.dropConnectionsAfterSftpBytes(256 * 1024);
        try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()), SshLogin.password(Secret.of("s3cret")));
                SftpFolder sftp = ssh.sftp();
                InputStream in = sftp.open("big.bin")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(SshFailure.class,
                    e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("big.bin")
                    .hasMessageContaining("my_utility");
        }
        try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()), SshLogin.password(Secret.of("s3cret")));
                SftpFolder sftp = ssh.sftp();
                InputStream in = sftp.open("big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void aTunnelForwardsALocalPortAndBreaksWhenTheServerDropsIt() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread echoer = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // the tunnel broke: the test sees it on its side
                }
            });
            echoer.setDaemon(true);
            echoer.start();
            try (SshConnection ssh = SshConnection.open(target(server.knownHostsLine()),
                    SshLogin.password(Secret.of("s3cret")))) {
                int local = ssh.openTunnel("127.0.0.1", echo.getLocalPort());
                try (Socket s = new Socket("127.0.0.1", local)) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    byte[] back = s.getInputStream().readNBytes(5);
                    assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("ping\n");
                    server.dropConnections();
                    assertThat(s.getInputStream().read()).as("end of stream after the drop").isEqualTo(-1);
                }
                assertThat(ssh.isOpen()).isFalse();
            }
        }
    }
}
