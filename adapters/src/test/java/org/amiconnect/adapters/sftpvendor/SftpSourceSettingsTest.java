package org.amiconnect.adapters.sftpvendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.ssh.SshTarget;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The predecessor's sftp_* keys, read the same way for Aclara and Xylem Sensus. */
class SftpSourceSettingsTest {

    private static final String SECRETS = """
            sources:
              my_utility:
                sftp_user: my_user
                sftp_password: s3cret-Sftp-pw
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"aclara", "xylem_sensus"})
    void thePredecessorsConfigIsAccepted(String type) throws IOException {
        SourceConfig source = load(config(type, """
                sftp_host: example.com
                sftp_remote_data_directory: ./data
                sftp_local_download_directory: ./output
                sftp_known_hosts_str: example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
                """), SECRETS).sources().get(0);

        SftpSourceSettings s = source.settings(SftpSourceSettings.class);
        assertThat(s.host()).isEqualTo("example.com");
        assertThat(s.port()).isEqualTo(22);
        assertThat(s.remoteDirectory()).isEqualTo("./data");
        assertThat(s.user().reveal()).isEqualTo("my_user");
        SshTarget target = s.target("my_utility", Optional.empty());
        assertThat(target.address()).isEqualTo("example.com:22");
        assertThat(source.describe().toString()).doesNotContain("s3cret-Sftp-pw").doesNotContain("my_user");
        assertThat(s.secrets()).containsEntry("sftp_password", Secret.of("s3cret-Sftp-pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aclara", "xylem_sensus"})
    void aMissingKnownHostsLineIsAnErrorNotAnAcceptAny(String type) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(config(type, """
                sftp_host: example.com
                sftp_remote_data_directory: data
                sftp_known_hosts_str:
                """), """
                sources:
                  other: {}
                """));

        assertThat(e.errors()).extracting(ConfigError::toString).anySatisfy(m -> assertThat(m)
                .contains("sources[0].sftp_known_hosts_str", "ssh-keyscan example.com"));
        assertThat(e.errors()).extracting(ConfigError::path).contains("sources.my_utility.sftp_user",
                "sources.my_utility.sftp_password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aclara", "xylem_sensus"})
    void aSimulatorsEndpointBringsItsAddressAndHostKey(String type) throws IOException {
        SftpSourceSettings s = load(config(type, """
                sftp_host: example.com
                sftp_remote_data_directory: data
                sftp_known_hosts_str: example.com ssh-rsa AAAA
                """), SECRETS).sources().get(0).settings(SftpSourceSettings.class);

        SshTarget target = s.target("my_utility", Optional.of(URI.create(
                "sftp://127.0.0.1:2222/?known_hosts=%5B127.0.0.1%5D%3A2222%20ssh-ed25519%20AAAAC3")));
        assertThat(target.address()).isEqualTo("127.0.0.1:2222");
        assertThat(target.knownHosts()).isEqualTo("[127.0.0.1]:2222 ssh-ed25519 AAAAC3");
    }

    private static String config(String type, String keys) {
        StringBuilder yaml = new StringBuilder("sources:\n  - type: " + type + "\n    org_id: my_utility\n");
        keys.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        return yaml.toString();
    }

    private AmiConnectConfig load(String config, String secrets) throws IOException {
        Path configFile = dir.resolve("config.yaml");
        Path secretsFile = dir.resolve("secrets.yaml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Files.writeString(secretsFile, secrets, StandardCharsets.UTF_8);
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(configFile, Optional.of(secretsFile));
    }
}
