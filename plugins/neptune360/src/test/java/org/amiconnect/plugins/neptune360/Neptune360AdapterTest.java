package org.amiconnect.plugins.neptune360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plug-in as the host sees it: found by type, its config keys and secrets, its raw topics and join roles. */
class Neptune360AdapterTest {

    private static final String SECRETS = """
            sources:
              my_utility:
                site_id: site-4711
                api_key: key-S3CRET-value
                client_id: client-abc
                client_secret: secret-S3CRET-value
            """;

    @TempDir
    Path dir;

    @Test
    void theHostFindsThePlugInByTheTypeNeptune() {
        assertThat(AdapterCatalog.load().get("neptune")).isInstanceOf(Neptune360Adapter.class);
    }

    @Test
    void endpointsAreMetadataAndReadsAreJoinedToThem() {
        Neptune360Adapter adapter = new Neptune360Adapter();

        assertThat(adapter.streamPlan().entities()).extracting(e -> e.entity().name() + ":" + e.role())
                .containsExactly("endpoint:" + EntityRole.METADATA, "read:" + EntityRole.READS);
        assertThat(adapter.rawEntities()).extracting(new Topics("")::raw)
                .containsExactly("ami.raw.neptune360.endpoint", "ami.raw.neptune360.read");
        assertThat(adapter.scheduledExtracts().get(0).name()).isEqualTo("standard");
    }

    @Test
    void readsTheSourceKeysAndTheFourSecrets() throws IOException {
        SourceConfig source = load(configWith("api_url: https://neptune.example.com\npage_size: 250"), SECRETS)
                .sources().get(0);

        Neptune360Settings settings = source.settings(Neptune360Settings.class);
        assertThat(settings.apiUrl()).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo("https://neptune.example.com"));
        assertThat(settings.pageSize()).isEqualTo(250);
        assertThat(settings.secrets()).containsOnlyKeys("site_id", "api_key", "client_id", "client_secret");
        assertThat(settings.siteId().reveal()).isEqualTo("site-4711");
    }

    @Test
    void aSimulatedSourceNeedsNoApiUrl() throws IOException {
        SourceConfig source = load(configWith("simulate:\n  meters: 10"), SECRETS).sources().get(0);

        assertThat(source.settings(Neptune360Settings.class).apiUrl()).isEmpty();
    }

    @Test
    void reportsAMissingApiUrlAndEveryMissingSecretWithTheirPaths() throws IOException {
        ConfigException e = loadFailure(configWith(""), "");

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "config.yaml: sources[0].api_url: missing; expected the base URL of the utility's Neptune 360 API",
                "secrets.yaml: sources.my_utility.site_id: missing; expected the utility's Neptune 360 site id",
                "secrets.yaml: sources.my_utility.api_key: missing; expected the Neptune 360 API key",
                "secrets.yaml: sources.my_utility.client_id: missing; expected the Neptune 360 OAuth client id",
                "secrets.yaml: sources.my_utility.client_secret: missing; expected the Neptune 360 OAuth client secret");
    }

    @Test
    void acceptsThePredecessorsExternalAdapterLocation() throws IOException {
        AmiConnectConfig config = load(configWith("api_url: https://neptune.example.com\n"
                + "external_adapter_location: /opt/airflow/neptune"), SECRETS);

        assertThat(config.sources()).hasSize(1);
    }

    @Test
    void describeMasksEverySecret() throws IOException {
        SourceConfig source = load(configWith("api_url: https://neptune.example.com"), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("secrets", Map.of("site_id", Secret.MASK, "api_key", Secret.MASK,
                "client_id", Secret.MASK, "client_secret", Secret.MASK));
        assertThat(described.toString()).doesNotContain("S3CRET").doesNotContain("site-4711");
        assertThat(source.settings().toString()).doesNotContain("S3CRET");
    }

    @Test
    void rejectsAPageSizeAboveTheApisLimit() throws IOException {
        ConfigException e = loadFailure(configWith("api_url: https://neptune.example.com\npage_size: 5000"), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly("config.yaml: sources[0].page_size: 5000 is out of range; expected 1..1000");
    }

    private static String configWith(String extra) {
        StringBuilder yaml = new StringBuilder("""
                sources:
                  - type: neptune
                    org_id: my_utility
                """);
        extra.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        return yaml.toString();
    }

    private AmiConnectConfig load(String config, String secrets) throws IOException {
        Path configFile = Files.writeString(dir.resolve("config.yaml"), config);
        Path secretsFile = Files.writeString(dir.resolve("secrets.yaml"), secrets);
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(configFile, Optional.of(secretsFile));
    }

    private ConfigException loadFailure(String config, String secrets) {
        return catchThrowableOfType(ConfigException.class, () -> load(config, secrets));
    }
}
