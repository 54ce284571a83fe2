package org.amiconnect.adapters.xylemdatalake;

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
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigError;
import org.amiconnect.core.config.ConfigException;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XylemDatalakeAdapterTest {

    private static final String SECRETS = """
            sources:
              hills:
                username: lake-user@example.org
                password: s3cret-Lake-pw
            """;
    private static final String REQUIRED = """
            agency_code: hlsbo
            database_id: 7
            client_id: datalake-hlsbo
            """;

    @TempDir
    Path dir;

    private final XylemDatalakeAdapter adapter = new XylemDatalakeAdapter();

    @Test
    void identifiesItselfAsXylemDatalake() {
        assertThat(adapter.type()).isEqualTo("xylem_datalake");
        assertThat(adapter.vendor()).isEqualTo("xylemdatalake");
    }

    @Test
    void publishesAccountsIntervalsAndRegistersToTheirTopicsAndThePredecessorsTables() {
        Topics topics = new Topics("");
        assertThat(adapter.rawEntities()).extracting(topics::raw).containsExactly("ami.raw.xylemdatalake.account",
                "ami.raw.xylemdatalake.water-interval", "ami.raw.xylemdatalake.water-register");
        assertThat(XylemDatalakeAdapter.ACCOUNT.table()).isEqualTo("xylem_datalake_account_base");
        assertThat(XylemDatalakeAdapter.ACCOUNT.uniqueBy()).containsExactly("device_id");
        assertThat(XylemDatalakeAdapter.WATER_INTERVAL.table()).isEqualTo("xylem_datalake_water_intervals_base");
        assertThat(XylemDatalakeAdapter.WATER_REGISTER.table()).isEqualTo("xylem_datalake_water_registers_base");
        assertThat(XylemDatalakeAdapter.WATER_REGISTER.uniqueBy()).containsExactly("meter_id", "read_time_timestamp");
    }

    @Test
    void uniqueColumnsAreFieldsOfTheRawRecords() {
        for (var entity : adapter.rawEntities()) {
            for (String column : entity.uniqueBy()) {
                assertThat(new org.apache.avro.specific.SpecificData().getSchema(entity.recordClass()).getField(column))
                        .as(entity.name() + "." + column).isNotNull();
            }
        }
    }

    @Test
    void joinsAccountsAsMetadataWithIntervalAndRegisterHalves() {
        StreamPlan plan = adapter.streamPlan();

        assertThat(plan.entities()).extracting(EntityPlan::role)
                .containsExactly(EntityRole.METADATA, EntityRole.READS, EntityRole.READS);
        assertThat(plan.entities().get(0).pointInTime()).isFalse();
        assertThat(plan.rules().readsInHalves()).isTrue();
        assertThat(plan.rules().afterGrace()).isEqualTo(AfterGrace.DEAD_LETTER);
        assertThat(plan.joins()).isTrue();
    }

    @Test
    void schedulesThePredecessorsSixDayExtract() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(6), Duration.ZERO, "0 12 * * *"));
    }

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        assertThat(AdapterCatalog.load().get("xylem_datalake")).isInstanceOf(XylemDatalakeAdapter.class);
    }

    @Test
    void derivesTheAgencysHostsAndSchemaAndTakesThePredecessorsDefaults() throws IOException {
        SourceConfig source = load(configWith(REQUIRED), SECRETS).sources().get(0);

        XylemDatalakeSettings settings = source.settings(XylemDatalakeSettings.class);
        assertThat(settings.agencyCode()).isEqualTo("hlsbo");
        assertThat(settings.databaseId()).isEqualTo(7);
        assertThat(settings.clientId()).isEqualTo("datalake-hlsbo");
        assertThat(settings.schema()).isEqualTo("sensus_dm_hlsbo");
        assertThat(settings.authUrl()).isEqualTo(URI.create("https://cloud.xylem.com/xgs/auth/realms/xgsum"));
        assertThat(settings.datalakeUrl()).isEqualTo(URI.create("https://hlsbo.datalake.xylem-vue.com"));
        assertThat(settings.supersetUrl()).isEqualTo(URI.create("https://hlsbo.superset.datalake.xylem-vue.com"));
        assertThat(settings.chunk()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.queryPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.reauthAttempts()).isEqualTo(3);
        assertThat(settings.reauthBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.username()).isEqualTo(Secret.of("lake-user@example.org"));
        assertThat(settings.password()).isEqualTo(Secret.of("s3cret-Lake-pw"));
    }

    @Test
    void readsChunkHoursAndTheTunables() throws IOException {
        XylemDatalakeSettings settings = load(configWith(REQUIRED + """
                chunk_hours: 6
                query_pause: 500ms
                reauth_attempts: 5
                reauth_backoff: 1s
                superset_url: https://superset.example.org
                """), SECRETS).sources().get(0).settings(XylemDatalakeSettings.class);

        assertThat(settings.chunk()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.queryPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.reauthAttempts()).isEqualTo(5);
        assertThat(settings.reauthBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.supersetUrl()).isEqualTo(URI.create("https://superset.example.org"));
    }

    @Test
    void reportsEveryMissingKeyWithItsPath() {
        ConfigException e = loadFailure(configWith(""), "");

        assertThat(e.errors()).extracting(ConfigError::path).containsExactlyInAnyOrder("sources[0].agency_code",
                "sources[0].database_id", "sources[0].client_id", "sources.hills.username", "sources.hills.password");
    }

    @Test
    void rejectsBadValuesNamingFileAndKey() {
        ConfigException e = loadFailure(configWith("""
                agency_code: hl sbo
                database_id: two
                client_id: x
                chunk_hours: 0
                """), SECRETS);

        assertThat(e.errors()).extracting(ConfigError::toString).contains(
                "config.yaml: sources[0].agency_code: 'hl sbo' is not a host name part (letters, digits, '-')",
                "config.yaml: sources[0].chunk_hours: 0 is out of range; expected 1..744");
        assertThat(e.errors()).extracting(ConfigError::path).contains("sources[0].database_id");
    }

    @Test
    void describeMasksTheCredentials() throws IOException {
        SourceConfig source = load(configWith(REQUIRED), SECRETS).sources().get(0);

        Map<String, Object> described = source.describe();

        assertThat(described).containsEntry("agency_code", "hlsbo").containsEntry("chunk_hours", 12L)
                .containsEntry("secrets", Map.of("username", Secret.MASK, "password", Secret.MASK));
        assertThat(described.toString()).doesNotContain("lake-user@example.org").doesNotContain("s3cret-Lake-pw");
        assertThat(source.settings().toString()).doesNotContain("s3cret-Lake-pw");
    }

    private static String configWith(String extra) {
        StringBuilder yaml = new StringBuilder("""
                sources:
                  - type: xylem_datalake
                    org_id: hills
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
