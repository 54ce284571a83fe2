package org.amiconnect.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.metersense.MetersenseSettings;
import org.amiconnect.adapters.moultonniguel.MoultonNiguelSettings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database vendors' settings: the predecessor's keys, the known-hosts line, secrets masked. */
class TunnelDatabaseSettingsTest {

    private static final String KNOWN = "tunnel-ip ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9o";
    private static final String SECRETS = """
            sources:
              my_utility:
                ssh_tunnel_username: ubuntu
                ssh_tunnel_private_key: PEM-KEY-TEXT
                database_db_name: db-name
                database_user: dbu
                database_password: Db-Pass-99
            """;

    @TempDir
    Path dir;

    @Test
    void readsThePredecessorsKeysWithDefaults() throws IOException {
        SourceConfig source = load("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), SECRETS).sources().get(0);

        TunnelDatabaseSettings s = source.settings(MetersenseSettings.class).database();
        assertThat(s.sshHost()).isEqualTo("tunnel-ip");
        assertThat(s.sshPort()).isEqualTo(22);
        assertThat(s.knownHosts()).isEqualTo(KNOWN);
        assertThat(s.databaseHost()).isEqualTo("db-host");
        assertThat(s.databasePort()).isEqualTo(1521);
        assertThat(s.fetchSize()).isEqualTo(10_000);
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.sshUser()).isEqualTo(Secret.of("ubuntu"));
        assertThat(s.sshPrivateKey()).contains(Secret.of("PEM-KEY-TEXT"));
        assertThat(s.jdbcUrl("127.0.0.1", 40000)).isEqualTo("jdbc:oracle:thin:@//127.0.0.1:40000/db-name");
    }

    @Test
    void moultonNiguelDefaultsToRedshiftsPortAndThePostgresDriver() throws IOException {
        SourceConfig source = load("xylem_moulton_niguel", """
                ssh_tunnel_server_host: tunnel-ip
                ssh_tunnel_key_path: /key
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), SECRETS).sources().get(0);

        TunnelDatabaseSettings s = source.settings(MoultonNiguelSettings.class).database();
        assertThat(s.databasePort()).isEqualTo(5439);
        assertThat(s.sshKeyPath()).contains(Path.of("/key"));
        assertThat(s.jdbcUrl("127.0.0.1", 40000)).startsWith("jdbc:postgresql://127.0.0.1:40000/db-name");
    }

    @Test
    void aTunnelWithoutKnownHostsIsRefusedNeverTrustedBlindly() {
        ConfigException e = failure("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                """, SECRETS);

        assertThat(e.errors()).extracting(ConfigError::path).contains("sources[0].ssh_tunnel_known_hosts");
    }

    @Test
    void aTunnelNeedsAKeyAKeyFileOrAPassword() {
        ConfigException e = failure("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), """
                sources:
                  my_utility:
                    ssh_tunnel_username: ubuntu
                    database_db_name: db-name
                    database_user: dbu
                    database_password: Db-Pass-99
                """);

        assertThat(e.errors()).extracting(ConfigError::toString).anyMatch(s -> s.startsWith(
                "secrets.yaml: sources.my_utility.ssh_tunnel_private_key: missing; expected the bastion's private key"));
    }

    @Test
    void reportsEveryMissingDatabaseSecret() {
        ConfigException e = failure("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), """
                sources:
                  my_utility:
                    ssh_tunnel_username: ubuntu
                    ssh_tunnel_password: pw
                """);

        assertThat(e.errors()).extracting(ConfigError::path).contains("sources.my_utility.database_db_name",
                "sources.my_utility.database_user", "sources.my_utility.database_password");
    }

    @Test
    void describeMasksEverySecret() throws IOException {
        SourceConfig source = load("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("ssh_tunnel_server_host", "tunnel-ip").containsEntry("database_port", 1521);
        assertThat(described.toString()).doesNotContain("PEM-KEY-TEXT", "Db-Pass-99", "dbu", "db-name", "ubuntu");
        assertThat(source.settings().toString()).doesNotContain("PEM-KEY-TEXT", "Db-Pass-99");
    }

    @Test
    void aSimulatorsEndpointReplacesBastionHostKeyAndDatabase() throws IOException {
        TunnelDatabaseSettings s = load("metersense", """
                ssh_tunnel_server_host: tunnel-ip
                database_host: db-host
                ssh_tunnel_known_hosts: %s
                """.formatted(KNOWN), SECRETS).sources().get(0).settings(MetersenseSettings.class).database();

        TunnelDatabaseSettings pointed = s.pointedAt(URI.create("ssh://127.0.0.1:2222/?known_hosts=%5B127.0.0.1%5D"
                + "%3A2222%20ecdsa-sha2-nistp256%20AAAA&database_host=127.0.0.1&database_port=5432&database_url="
                + "jdbc%3Apostgresql%3A%2F%2F%7Bhost%7D%3A%7Bport%7D%2Ftest%3FcurrentSchema%3Dsim"));

        assertThat(pointed.sshAddress()).isEqualTo("127.0.0.1:2222");
        assertThat(pointed.knownHosts()).isEqualTo("[127.0.0.1]:2222 ecdsa-sha2-nistp256 AAAA");
        assertThat(pointed.databaseHost()).isEqualTo("127.0.0.1");
        assertThat(pointed.databasePort()).isEqualTo(5432);
        assertThat(pointed.jdbcUrl("127.0.0.1", 41000)).isEqualTo(
                "jdbc:postgresql://127.0.0.1:41000/test?currentSchema=sim");
        assertThat(pointed.sshUser()).isEqualTo(s.sshUser());
    }

    private AmiConnectConfig load(String type, String keys, String secrets) throws IOException {
        StringBuilder yaml = new StringBuilder("sources:\n  - type: " + type + "\n    org_id: my_utility\n");
        keys.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        Path config = dir.resolve("config.yaml");
        Path secretsFile = dir.resolve("secrets.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Files.writeString(secretsFile, secrets, StandardCharsets.UTF_8);
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(config, Optional.of(secretsFile));
    }

    private ConfigException failure(String type, String keys, String secrets) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(type, keys, secrets));
        assertThat(e).as("loading must fail").isNotNull();
        return e;
    }
}
