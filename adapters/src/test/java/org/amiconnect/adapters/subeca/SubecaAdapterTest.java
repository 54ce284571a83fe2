package org.amiconnect.adapters.subeca;

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

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubecaAdapterTest {

    private static final String SECRETS = """
            sources:
              my_subeca_utility:
                api_key: s3cret-Subeca-key
            """;

    @TempDir
    Path dir;

    private final SubecaAdapter adapter = new SubecaAdapter();

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        assertThat(AdapterCatalog.load().get("subeca")).isInstanceOf(SubecaAdapter.class);
    }

    @Test
    void publishesAccountsUsagesAndLatestReadingsToThreeRawTopicsKeptInThePredecessorsTables() {
        assertThat(adapter.rawEntities()).containsExactly(SubecaAdapter.ACCOUNT, SubecaAdapter.USAGE,
                SubecaAdapter.LATEST_READING);
        assertThat(adapter.rawEntities()).extracting(e -> new Topics("").raw(e)).containsExactly(
                "ami.raw.subeca.account", "ami.raw.subeca.usage", "ami.raw.subeca.latest-reading");
        assertThat(adapter.rawEntities()).extracting(RawEntity::table).containsExactly("subeca_account_base",
                "subeca_usage_base", "subeca_device_latest_read_base");
        assertThat(SubecaAdapter.USAGE.uniqueBy()).containsExactly("deviceId", "usageTime");
        assertThat(SubecaUsage.getClassSchema().getField("usageTime")).isNotNull();
        assertThat(SubecaLatestReading.getClassSchema().getField("usageTime")).isNotNull();
        assertThat(SubecaAccount.getClassSchema().getField("deviceId")).isNotNull();
    }

    @Test
    void joinsUsagesAndLatestReadingsToAccounts() {
        StreamPlan plan = adapter.streamPlan();

        assertThat(plan.entities()).extracting(e -> e.entity().name() + ":" + e.role()).containsExactly(
                "account:" + EntityRole.METADATA, "usage:" + EntityRole.READS, "latest-reading:" + EntityRole.READS);
        assertThat(plan.rules().afterGrace()).isEqualTo(AfterGrace.EMIT_WITHOUT_METADATA);
    }

    @Test
    void schedulesThePredecessorsStandardExtract() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Test
    void parsesSettingsWithDefaults() throws IOException {
        SourceConfig source = load(configWith("api_url: https://demo.api.subeca.online"), SECRETS).sources().get(0);

        SubecaSettings settings = source.settings(SubecaSettings.class);
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://demo.api.subeca.online"));
        assertThat(settings.pageSize()).isEqualTo(100);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.apiKey()).isEqualTo(Secret.of("s3cret-Subeca-key"));
    }

    @Test
    void missingApiUrlAndApiKeyAreReportedWithTheirPaths() {
        ConfigException e = loadFailure(configWith(""), "sources: {}\n");

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "config.yaml: sources[0].api_url: missing; expected the utility's Subeca API URL, e.g. "
                        + "https://<name>.api.subeca.online",
                "secrets.yaml: sources.my_subeca_utility.api_key: missing; expected the Subeca API key (sent as "
                        + "x-subeca-api-key)");
    }

    @Test
    void invalidSettingsAreReportedAtOnce() {
        ConfigException e = loadFailure(configWith("""
                api_url: my-url
                max_attempts: 0
                """), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "config.yaml: sources[0].api_url: 'my-url' is not an absolute URL like https://<name>.api.subeca.online",
                "config.yaml: sources[0].max_attempts: 0 is out of range; expected 1..100");
        assertThat(e.getMessage()).doesNotContain("s3cret-Subeca-key");
    }

    @Test
    void describeMasksTheApiKey() throws IOException {
        SourceConfig source = load(configWith("api_url: https://demo.api.subeca.online"), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("secrets", Map.of("api_key", Secret.MASK));
        assertThat(described.toString()).doesNotContain("s3cret-Subeca-key");
        assertThat(source.settings().toString()).doesNotContain("s3cret-Subeca-key");
    }

    private static String configWith(String extra) {
        StringBuilder yaml = new StringBuilder("""
                sources:
                  - type: subeca
                    org_id: my_subeca_utility
                """);
        extra.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        return yaml.toString();
    }

    private AmiConnectConfig load(String config, String secrets) throws IOException {
        Path configFile = dir.resolve("config.yaml");
        Path secretsFile = dir.resolve("secrets.yaml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Files.writeString(secretsFile, secrets, StandardCharsets.UTF_8);
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(configFile, Optional.of(secretsFile));
    }

    private ConfigException loadFailure(String config, String secrets) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(config, secrets));
        assertThat(e).as("loading must fail").isNotNull();
        return e;
    }
}
