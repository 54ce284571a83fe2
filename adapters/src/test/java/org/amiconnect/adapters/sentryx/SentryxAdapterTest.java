package org.amiconnect.adapters.sentryx;

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
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentryxAdapterTest {

    private static final String SECRETS = """
            sources:
              my_sentryx_utility:
                api_key: s3cret-Sentryx-key
            """;

    @TempDir
    Path dir;

    private final SentryxAdapter adapter = new SentryxAdapter();

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        assertThat(AdapterCatalog.load().get("sentryx")).isInstanceOf(SentryxAdapter.class);
    }

    @Test
    void publishesDevicesAndConsumptionToTwoRawTopicsKeptInThePredecessorsTables() {
        assertThat(adapter.rawEntities()).containsExactly(SentryxAdapter.DEVICE, SentryxAdapter.CONSUMPTION);
        assertThat(new Topics("").raw(SentryxAdapter.DEVICE)).isEqualTo("ami.raw.sentryx.device");
        assertThat(new Topics("").raw(SentryxAdapter.CONSUMPTION)).isEqualTo("ami.raw.sentryx.consumption");
        assertThat(SentryxAdapter.DEVICE.table()).isEqualTo("sentryx_meter_base");
        assertThat(SentryxAdapter.DEVICE.uniqueBy()).containsExactly("device_id");
        assertThat(SentryxAdapter.CONSUMPTION.table()).isEqualTo("sentryx_read_base");
        assertThat(SentryxAdapter.CONSUMPTION.uniqueBy()).containsExactly("device_id", "time_stamp");
        SentryxAdapter.DEVICE.derivedColumns().values().forEach(f ->
                assertThat(SentryxDevice.getClassSchema().getField(f)).as(f).isNotNull());
        SentryxAdapter.CONSUMPTION.derivedColumns().values().forEach(f ->
                assertThat(SentryxConsumption.getClassSchema().getField(f)).as(f).isNotNull());
    }

    @Test
    void joinsConsumptionToDevicesAndKeepsReadsOfUnlistedDevices() {
        StreamPlan plan = adapter.streamPlan();

        assertThat(plan.entities()).extracting(e -> e.entity().name() + ":" + e.role())
                .containsExactly("device:" + EntityRole.METADATA, "consumption:" + EntityRole.READS);
        assertThat(plan.rules().afterGrace()).isEqualTo(AfterGrace.EMIT_WITHOUT_METADATA);
        assertThat(plan.rules().readsInHalves()).isFalse();
    }

    @Test
    void schedulesThePredecessorsStandardExtract() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Test
    void parsesSettingsWithDefaultsAndTheOrgAsUtilityName() throws IOException {
        SourceConfig source = load(configWith(""), SECRETS).sources().get(0);

        SentryxSettings settings = source.settings(SentryxSettings.class);
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.sentryx.io"));
        assertThat(settings.utilityName()).isEqualTo("my_sentryx_utility");
        assertThat(settings.pageSize()).isEqualTo(25);
        assertThat(settings.maxRetries()).isEqualTo(5);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.apiKey()).isEqualTo(Secret.of("s3cret-Sentryx-key"));
    }

    @Test
    void readsThePredecessorsKeys() throws IOException {
        SourceConfig source = load(configWith("""
                utility_name: "my-sentryx-utility"
                use_raw_data_cache: False
                page_size: 100
                """), SECRETS).sources().get(0);

        assertThat(source.settings(SentryxSettings.class).utilityName()).isEqualTo("my-sentryx-utility");
        assertThat(source.settings(SentryxSettings.class).pageSize()).isEqualTo(100);
    }

    @Test
    void missingApiKeyIsReportedWithItsPath() {
        ConfigException e = loadFailure(configWith(""), "sources: {}\n");

        assertThat(e.errors()).extracting(ConfigError::toString)
                .contains("secrets.yaml: sources.my_sentryx_utility.api_key: missing; expected the Sentryx API key");
    }

    @Test
    void invalidSettingsAreReportedAtOnce() {
        ConfigException e = loadFailure(configWith("""
                api_url: /v1-wm
                page_size: 0
                retry_backoff: soon
                """), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "config.yaml: sources[0].api_url: '/v1-wm' is not an absolute URL like https://api.sentryx.io",
                "config.yaml: sources[0].page_size: 0 is out of range; expected 1..10000",
                "config.yaml: sources[0].retry_backoff: 'soon' is not a duration; expected e.g. 500ms, 30s, 5m, 2h, 1d");
        assertThat(e.getMessage()).doesNotContain("s3cret-Sentryx-key");
    }

    @Test
    void describeMasksTheApiKey() throws IOException {
        SourceConfig source = load(configWith(""), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("secrets", Map.of("api_key", Secret.MASK));
        assertThat(described.toString()).doesNotContain("s3cret-Sentryx-key");
        assertThat(source.settings().toString()).doesNotContain("s3cret-Sentryx-key");
    }

    private static String configWith(String extra) {
        StringBuilder yaml = new StringBuilder("""
                sources:
                  - type: sentryx
                    org_id: my_sentryx_utility
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
