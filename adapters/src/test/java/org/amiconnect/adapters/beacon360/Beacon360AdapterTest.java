package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Beacon360AdapterTest {

    private static final String SECRETS = """
            sources:
              my_utility:
                user: beacon-api-user
                password: s3cret-Beacon-pw
            """;

    @TempDir
    Path dir;

    private final Beacon360Adapter adapter = new Beacon360Adapter();

    @Test
    void identifiesItselfAsBeacon360() {
        assertThat(adapter.type()).isEqualTo("beacon_360");
        assertThat(adapter.vendor()).isEqualTo("beacon360");
    }

    @Test
    void publishesOneRawEntityKeptInTheBeaconBaseTable() {
        assertThat(adapter.rawEntities()).hasSize(1);
        RawEntity entity = adapter.rawEntities().get(0);

        assertThat(entity.vendor()).isEqualTo("beacon360");
        assertThat(entity.name()).isEqualTo("meter-read");
        assertThat(entity.recordClass()).isEqualTo(Beacon360MeterRead.class);
        assertThat(entity.table()).isEqualTo("beacon_360_base");
        assertThat(entity.derivedColumns()).containsExactly(Map.entry("device_id", "Endpoint_SN"));
        assertThat(entity.uniqueBy()).containsExactly("device_id", "read_time");
        assertThat(new Topics("").raw(entity)).isEqualTo("ami.raw.beacon360.meter-read");
    }

    @Test
    void derivedColumnsReadFieldsOfTheRawRecord() {
        RawEntity entity = adapter.rawEntities().get(0);

        for (String field : entity.derivedColumns().values()) {
            assertThat(Beacon360MeterRead.getClassSchema().getField(field)).as(field).isNotNull();
        }
    }

    @Test
    void schedulesThePredecessorsThreeExtracts() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"),
                new ScheduledExtract("lagged", Duration.ofDays(1), Duration.ofDays(14), "0 10 * * *"),
                new ScheduledExtract("half-year-lagged", Duration.ofDays(1), Duration.ofDays(180), "0 11 * * *"));
    }

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        AdapterCatalog catalog = AdapterCatalog.load();

        assertThat(catalog.types()).contains("beacon_360");
        assertThat(catalog.get("beacon_360")).isInstanceOf(Beacon360Adapter.class);
    }

    @Test
    void normalizerUsesTheSourcesTimeZone() throws Exception {
        SourceConfig source = load(configWith("timezone: Europe/Rome"), SECRETS).sources().get(0);

        GeneralMeterRead read = adapter.normalizer(source).normalize(Beacon360TestReports.fixtureRow()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-07-31T22:59:00Z"));
    }

    @Test
    void parsesSettingsWithDefaults() throws IOException {
        AmiConnectConfig config = load(configWith(""), SECRETS);

        SourceConfig source = config.sources().get(0);
        assertThat(source.type()).isEqualTo("beacon_360");
        assertThat(source.orgId()).isEqualTo("my_utility");
        assertThat(source.timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        Beacon360Settings settings = source.settings(Beacon360Settings.class);
        assertThat(tunables(settings)).containsExactly(URI.create("https://api.beaconama.net"), Duration.ofSeconds(60),
                120, 5, Duration.ofSeconds(10), Duration.ofMinutes(10));
        assertThat(settings.user()).isEqualTo(Secret.of("beacon-api-user"));
        assertThat(settings.password()).isEqualTo(Secret.of("s3cret-Beacon-pw"));
    }

    @Test
    void parsesEverySetting() throws IOException {
        AmiConnectConfig config = load(configWith("""
                api_url: https://beacon.example.com:8443
                poll_interval: 200ms
                max_polls: 30
                max-retries: 7
                retry_backoff: 2s
                request_timeout: 90s
                """), SECRETS);

        Beacon360Settings settings = config.sources().get(0).settings(Beacon360Settings.class);
        assertThat(tunables(settings)).containsExactly(URI.create("https://beacon.example.com:8443"),
                Duration.ofMillis(200), 30, 7, Duration.ofSeconds(2), Duration.ofSeconds(90));
    }

    @Test
    void readsTheReportsCharacterSetFromTheOptionalEncodingKey() throws IOException {
        Beacon360Settings named = load(configWith("encoding: windows-1252"), SECRETS).sources().get(0)
                .settings(Beacon360Settings.class);
        Beacon360Settings unnamed = load(configWith(""), SECRETS).sources().get(0).settings(Beacon360Settings.class);

        assertThat(named.encoding()).contains(Charset.forName("windows-1252"));
        assertThat(named.describe()).containsEntry("encoding", "windows-1252");
        assertThat(unnamed.encoding()).isEmpty();
        assertThat(unnamed.describe()).doesNotContainKey("encoding");
    }

    @Test
    void rejectsAnEncodingJavaDoesNotKnow() {
        ConfigException e = loadFailure(configWith("encoding: latin-nine"), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly("config.yaml: sources[0].encoding: "
                + "'latin-nine' is not a character set name (e.g. UTF-8, windows-1252, ISO-8859-1)");
    }

    @Test
    void acceptsThePredecessorsRawDataCacheKey() throws IOException {
        AmiConnectConfig config = load(configWith("use_raw_data_cache: True"), SECRETS);

        assertThat(config.sources()).hasSize(1);
    }

    @Test
    void theRawDataCacheKeepsReportsInTheCacheFolder() throws IOException {
        Beacon360Settings on = load(configWith("use_raw_data_cache: True\ncache_folder: " + dir.resolve("reports")),
                SECRETS).sources().get(0).settings(Beacon360Settings.class);
        Beacon360Settings byDefault = load(configWith("use_raw_data_cache: true"), SECRETS).sources().get(0)
                .settings(Beacon360Settings.class);
        Beacon360Settings off = load(configWith(""), SECRETS).sources().get(0).settings(Beacon360Settings.class);

        assertThat(on.rawDataCache()).contains(dir.resolve("reports"));
        assertThat(on.describe()).containsEntry("use_raw_data_cache", true)
                .containsEntry("cache_folder", dir.resolve("reports").toString());
        assertThat(byDefault.rawDataCache()).contains(Path.of("output").toAbsolutePath());
        assertThat(off.rawDataCache()).isEmpty();
    }

    @Test
    void readsTheReportRowCapAndTheExpectedConnections() throws IOException {
        Beacon360Settings set = load(configWith("report_row_cap: 500000\nexpected_connections: 30000"), SECRETS)
                .sources().get(0).settings(Beacon360Settings.class);
        Beacon360Settings unset = load(configWith(""), SECRETS).sources().get(0).settings(Beacon360Settings.class);

        assertThat(set.reportRowCap()).isEqualTo(500_000);
        assertThat(set.expectedConnections()).isEqualTo(30_000);
        assertThat(unset.reportRowCap()).isEqualTo(1_200_000);
        assertThat(unset.expectedConnections()).isZero();
    }

    @Test
    void reportsMissingCredentialsWithTheirPaths() throws IOException {
        ConfigException e = loadFailure(configWith(""), """
                sources:
                  other_org:
                    user: x
                """);

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "secrets.yaml: sources.my_utility.user: missing; expected the Beacon 360 API user",
                "secrets.yaml: sources.my_utility.password: missing; expected the Beacon 360 API password");
    }

    @Test
    void configWithoutCredentialsIsNotUsable() {
        List<ConfigError> errors = loadFailure(configWith(""), "").errors();

        assertThat(errors).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("sources.my_utility.user", "sources.my_utility.password");
    }

    @Test
    void reportsEveryInvalidSettingAtOnce() throws IOException {
        ConfigException e = loadFailure(configWith("""
                api_url: not a url
                poll_interval: soon
                max_polls: 0
                """), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "config.yaml: sources[0].api_url: 'not a url' is not a URL",
                "config.yaml: sources[0].poll_interval: 'soon' is not a duration; expected e.g. 500ms, 30s, 5m, 2h, 1d",
                "config.yaml: sources[0].max_polls: 0 is out of range; expected 1..100000");
    }

    @Test
    void rejectsRelativeApiUrl() throws IOException {
        ConfigException e = loadFailure(configWith("api_url: /v2/eds"), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "config.yaml: sources[0].api_url: '/v2/eds' is not an absolute URL like https://api.beaconama.net");
    }

    @Test
    void rejectsUnknownSourceKeyWithSuggestion() throws IOException {
        ConfigException e = loadFailure(configWith("poll_intervall: 5s"), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly("config.yaml: sources[0].poll_intervall: unknown key (did you mean 'poll_interval'?)");
    }

    @Test
    void describeMasksUserAndPassword() throws IOException {
        SourceConfig source = load(configWith(""), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("api_url", "https://api.beaconama.net")
                .containsEntry("max_polls", 120)
                .containsEntry("secrets", Map.of("user", Secret.MASK, "password", Secret.MASK));
        assertThat(described.toString()).doesNotContain("beacon-api-user").doesNotContain("s3cret-Beacon-pw");
        assertThat(source.settings().toString()).doesNotContain("s3cret-Beacon-pw");
    }

    @Test
    void errorMessagesNeverContainTheCredentials() throws IOException {
        ConfigException e = loadFailure(configWith("max_polls: lots"), SECRETS);

        assertThat(e.getMessage()).contains("max_polls").doesNotContain("s3cret-Beacon-pw");
    }

    /** A one-source config.yaml; {@code extra} holds more keys of the source, one per line. */
    private static String configWith(String extra) {
        StringBuilder yaml = new StringBuilder("""
                sources:
                  - type: beacon_360
                    org_id: my_utility
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

    /** The settings that have defaults: api_url, poll_interval, max_polls, max_retries, retry_backoff, request_timeout. */
    private static List<Object> tunables(Beacon360Settings settings) {
        return List.of(settings.apiUrl(), settings.pollInterval(), settings.maxPolls(), settings.maxRetries(),
                settings.retryBackoff(), settings.requestTimeout());
    }
}
