package org.amiconnect.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.amiconnect.core.schedule.ScheduledExtract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config.yaml + secrets.yaml → {@link AmiConnectConfig}. Error tests assert the exact line an operator reads; each
 * line is {@code <file>: <key path>: <message>}.
 */
class ConfigLoaderTest {

    private static final Path CWD = Path.of("").toAbsolutePath();

    /** The smallest valid pair; error tests change one thing in it. */
    private static final String CONFIG = ConfigFiles.SMALLEST_CONFIG;
    private static final String SECRETS = ConfigFiles.SMALLEST_SECRETS;
    /** A PostgreSQL sink, whose password is a secret, and a source without secrets. */
    private static final String CONFIG_WITH_PG = """
            sinks:
              - id: pg
                type: postgresql
                url: jdbc:postgresql://db:5432/ami
            sources:
              - type: test_vendor
                org_id: my_org
            """;

    @TempDir
    Path dir;

    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    private List<String> errors(String config) {
        return files.errors(config, SECRETS);
    }

    @Nested
    class ValidConfiguration {

        @Test
        void loadsEverySectionOfAFullConfiguration() {
            AmiConnectConfig config = files.load("""
                    kafka:
                      bootstrap-servers: broker1:9092,broker2.example.com:19092
                      topic-prefix: prod.
                      partitions: 6
                      replication-factor: 3
                      properties:
                        security.protocol: SASL_SSL
                        sasl.mechanism: PLAIN
                    schema-registry:
                      url: https://registry.example.com:8081
                    archive:
                      type: s3
                      bucket: ami-raw
                      prefix: raw
                      region: eu-west-1
                      endpoint: http://minio.local:9000
                      codec: zstd
                      rotate-records: 5000
                      rotate-bytes: 16MiB
                      rotate-interval: 30m
                      idle-flush: 45s
                    extractor:
                      run-timeout: 90m
                      max-attempts: 5
                    loader:
                      batch-records: 10000
                      batch-interval: 500ms
                      create-tables: false
                    sinks:
                      - id: local_duckdb
                        type: duckdb
                        path: /var/lib/ami/warehouse.duckdb
                        checks: [meters-unique-by-device-id]
                      - id: pg
                        type: postgresql
                        url: jdbc:postgresql://db.example.com:5432/ami
                    sources:
                      - type: test_vendor
                        org_id: my_org
                        timezone: America/Denver
                        api_url: https://vendor.example.com/v2
                        sinks: [local_duckdb, pg]
                        schedules:
                          - name: standard
                            interval_days: 2
                            cron: "0 12 * * *"
                          - name: lagged
                            interval_days: 1
                            lag_days: 14
                            cron: "0 10 * * *"
                      - type: other_vendor
                        org_id: other_org
                        simulate:
                          meters: 250
                          seed: 7
                    backfills:
                      - org_id: my_org
                        start_date: "2025-01-01"
                        end_date: "2025-02-01"
                        interval_days: 3
                        schedule: "15 * * * *"
                    """, """
                    sources:
                      my_org:
                        api_key: vendor-key-1
                      other_org:
                        api_key: vendor-key-2
                    sinks:
                      pg:
                        user: ami
                        password: pg-password-1
                    kafka:
                      properties:
                        sasl.jaas.config: jaas-secret-1
                    schema_registry:
                      username: registry-user
                      password: registry-password-1
                    """);

            assertThat(config.kafka()).isEqualTo(new KafkaSettings("broker1:9092,broker2.example.com:19092", "prod.",
                    6, (short) 3, CWD.resolve("data/kafka"), 9092, 9093,
                    Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"),
                    Map.of("sasl.jaas.config", Secret.of("jaas-secret-1"))));
            assertThat(config.kafka().embedded()).isFalse();
            assertThat(config.kafka().resolvedBootstrapServers()).isEqualTo("broker1:9092,broker2.example.com:19092");
            assertThat(config.schemaRegistry()).isEqualTo(new RegistrySettings("https://registry.example.com:8081", 8081,
                    Optional.of("registry-user"), Optional.of(Secret.of("registry-password-1"))));
            assertThat(config.archive()).isEqualTo(new ArchiveSettings("s3", CWD.resolve("data/archive"), "ami-raw",
                    "raw", "eu-west-1", Optional.of(URI.create("http://minio.local:9000")), true, "zstd", 5000,
                    16L * 1024 * 1024, Duration.ofMinutes(30), Duration.ofSeconds(45)));
            assertThat(config.extractor()).isEqualTo(new ExtractorSettings(Duration.ofMinutes(90), 5));
            assertThat(config.loader()).isEqualTo(new LoaderSettings(10_000, Duration.ofMillis(500), false));
            assertThat(config.sinks()).containsExactly(
                    new SinkConfig("local_duckdb", "duckdb", Path.of("/var/lib/ami/warehouse.duckdb"), Optional.empty(),
                            List.of("meters-unique-by-device-id"), Map.of()),
                    new SinkConfig("pg", "postgresql", null, Optional.of("jdbc:postgresql://db.example.com:5432/ami"),
                            List.of(), Map.of("user", Secret.of("ami"), "password", Secret.of("pg-password-1"))));
            assertThat(config.sources()).containsExactly(
                    new SourceConfig("test_vendor", "my_org", ZoneId.of("America/Denver"), List.of("local_duckdb", "pg"),
                            new TestVendorAdapter.Settings(URI.create("https://vendor.example.com/v2"),
                                    Secret.of("vendor-key-1")),
                            List.of(new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"),
                                    new ScheduledExtract("lagged", Duration.ofDays(1), Duration.ofDays(14), "0 10 * * *")),
                            Optional.empty(), Optional.empty()),
                    // a source without sinks loads into every sink
                    new SourceConfig("other_vendor", "other_org", ZoneId.of("America/Los_Angeles"),
                            List.of("local_duckdb", "pg"),
                            new TestVendorAdapter.Settings(TestVendorAdapter.DEFAULT_API_URL, Secret.of("vendor-key-2")),
                            List.of(), Optional.of(new SimulationSettings(250, 7)), Optional.empty()));
            assertThat(config.backfills()).containsExactly(
                    new BackfillConfig("my_org", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), 3, "15 * * * *"));
            assertThat(config.source("other_org")).contains(config.sources().get(1));
            assertThat(config.sink("pg")).contains(config.sinks().get(1));
            assertThat(config.configFile()).isEqualTo(dir.resolve("config.yaml"));
            assertThat(config.secretsFile()).contains(dir.resolve("secrets.yaml").toAbsolutePath());
        }

        @Test
        void fillsDefaultsForEverythingLeftOut() {
            AmiConnectConfig config = files.load("""
                    sources:
                      - type: test_vendor
                        org_id: my_org
                    """, SECRETS);

            assertThat(config.sources()).singleElement().satisfies(s -> {
                assertThat(s.timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
                assertThat(s.sinks()).isEmpty();
                assertThat(s.schedules()).isEmpty();
                assertThat(s.simulate()).isEmpty();
            });
            assertThat(config.kafka()).isEqualTo(new KafkaSettings("embedded", "", 3, (short) -1,
                    CWD.resolve("data/kafka"), 9092, 9093, Map.of(), Map.of()));
            assertThat(config.kafka().embedded()).isTrue();
            assertThat(config.kafka().resolvedBootstrapServers()).isEqualTo("127.0.0.1:9092");
            assertThat(config.schemaRegistry()).isEqualTo(
                    new RegistrySettings("embedded", 8081, Optional.empty(), Optional.empty()));
            assertThat(config.archive()).isEqualTo(new ArchiveSettings("local", CWD.resolve("data/archive"), null,
                    "ami-connect", "us-west-2", Optional.empty(), false, "zstd", 100_000, 64L * 1024 * 1024,
                    Duration.ofHours(1), Duration.ofMinutes(5)));
            assertThat(config.extractor()).isEqualTo(new ExtractorSettings(Duration.ofHours(3), 3));
            assertThat(config.loader()).isEqualTo(new LoaderSettings(50_000, Duration.ofSeconds(2), true));
            assertThat(config.sinks()).isEmpty();
            assertThat(config.backfills()).isEmpty();
        }

        @Test
        void acceptsThePredecessorsS3TaskOutputAsTheArchive() {
            AmiConnectConfig config = files.load(CONFIG + """
                    task_output:
                      type: s3
                      bucket: my-bucket
                      dev_profile: my-aws-profile
                    """, SECRETS);

            assertThat(config.archive().type()).isEqualTo("s3");
            assertThat(config.archive().bucket()).isEqualTo("my-bucket");
            assertThat(config.archive().endpoint()).isEmpty();
            assertThat(config.archive().pathStyle()).isFalse();
        }

        @Test
        void acceptsThePredecessorsLocalTaskOutputFolderAsTheArchivePath() {
            AmiConnectConfig config = files.load(CONFIG + """
                    task_output:
                      type: local
                      output_folder: ./output
                    """, SECRETS);

            assertThat(config.archive().type()).isEqualTo("local");
            assertThat(config.archive().localPath()).isEqualTo(CWD.resolve("output"));
        }

        @Test
        void readsArchiveSizesWithAndWithoutUnits() {
            assertThat(files.load(CONFIG + """
                    archive:
                      rotate-bytes: 1GB
                    """, SECRETS).archive().rotateBytes()).isEqualTo(1_000_000_000L);
            assertThat(files.load(CONFIG + """
                    archive:
                      rotate-bytes: 4096
                    """, SECRETS).archive().rotateBytes()).isEqualTo(4096L);
        }

        @Test
        void readsSecretsNestedUnderATopLevelSecretsKey() {
            AmiConnectConfig config = files.load(CONFIG, """
                    secrets:
                      sources:
                        my_org:
                          api_key: nested-key
                    """);

            assertThat(TestVendorAdapter.apiKeyOf(config, "my_org")).isEqualTo(Secret.of("nested-key"));
        }

        @Test
        void readsPredecessorStyleUnquotedBackfillDates() {
            AmiConnectConfig config = files.load(CONFIG + """
                    backfills:
                    - org_id: my_org
                      start_date: 2023-01-01
                      end_date: 2025-07-05
                      interval_days: 3
                      schedule: "45 */2 * * *"
                    """, SECRETS);

            assertThat(config.backfills()).containsExactly(new BackfillConfig("my_org", LocalDate.of(2023, 1, 1),
                    LocalDate.of(2025, 7, 5), 3, "45 */2 * * *"));
            assertThat(config.backfills().get(0).id()).isEqualTo("my_org:2023-01-01..2025-07-05");
        }

        @Test
        void readsSnakeCaseSpellingsOfDashedKeys() {
            AmiConnectConfig config = files.load(CONFIG + """
                    kafka:
                      bootstrap_servers: broker:9092
                      topic_prefix: test.
                    """, SECRETS);

            assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
            assertThat(config.kafka().topicPrefix()).isEqualTo("test.");
        }

        @Test
        void readsAnExplicitSecretsFileInsteadOfTheSibling() {
            Path config = files.write("config.yaml", CONFIG);
            Path elsewhere = files.write("prod-secrets.yaml", """
                    sources:
                      my_org:
                        api_key: from-explicit-file
                    """);
            files.write("secrets.yaml", "sources: {my_org: {api_key: from-sibling}}");

            AmiConnectConfig loaded = files.loader().load(config, Optional.of(elsewhere));

            assertThat(loaded.secretsFile()).contains(elsewhere);
            assertThat(TestVendorAdapter.apiKeyOf(loaded, "my_org")).isEqualTo(Secret.of("from-explicit-file"));
        }

        @Test
        void describeMasksEverySecret() {
            AmiConnectConfig config = files.load(CONFIG_WITH_PG + """
                    kafka:
                      bootstrap-servers: broker:9092
                    """, """
                    sources:
                      my_org:
                        api_key: vendor-key-secret
                    sinks:
                      pg:
                        password: pg-password-secret
                    kafka:
                      properties:
                        sasl.jaas.config: jaas-config-secret
                    schema_registry:
                      username: registry-user
                      password: registry-password-secret
                    """);
            List<String> secrets = List.of("vendor-key-secret", "pg-password-secret", "jaas-config-secret",
                    "registry-password-secret");

            String described = config.describe().toString();
            assertThat(described).contains(Secret.MASK).contains("registry-user").contains("jdbc:postgresql://db:5432/ami");
            assertThat(secrets).allSatisfy(s -> assertThat(described).doesNotContain(s));
            // records print their components: Secret.toString keeps the values out of logs too
            String printed = config.toString();
            assertThat(printed).contains(Secret.MASK);
            assertThat(secrets).allSatisfy(s -> assertThat(printed).doesNotContain(s));
            assertThat(Secret.of("pg-password-secret").reveal()).isEqualTo("pg-password-secret");
        }
    }

    @Nested
    class RejectedConfiguration {

        @Test
        void rejectsACompressionCodecKafkaDoesNotKnowAndACompatibilityLevelTheRegistryDoesNotKnow() {
            assertThat(errors(CONFIG + """
                    kafka:
                      compression-type: brotli
                    schema-registry:
                      compatibility: sideways
                    """)).containsExactly(
                    "config.yaml: kafka.compression-type: 'brotli' is not a Kafka codec; expected one of none, gzip, "
                            + "snappy, lz4, zstd",
                    "config.yaml: schema-registry.compatibility: 'SIDEWAYS' is not a compatibility level; expected one "
                            + "of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
        }

        @Test
        void rejectsUnknownTimeZoneNamingTheSourceEntry() {
            assertThat(files.errors("""
                    sources:
                      - {type: test_vendor, org_id: a}
                      - {type: test_vendor, org_id: b, timezone: Europe/Rome}
                      - {type: test_vendor, org_id: c, timezone: America/Los_Angles}
                    """, """
                    sources:
                      a: {api_key: k}
                      b: {api_key: k}
                      c: {api_key: k}
                    """)).containsExactly("config.yaml: sources[2].timezone: 'America/Los_Angles' is not an IANA time zone "
                    + "(e.g. America/Los_Angeles)");
        }

        @Test
        void rejectsUnknownSourceTypeListingTheKnownTypes() {
            assertThat(errors("""
                    sources:
                      - type: beacon_361
                        org_id: my_org
                    """)).containsExactly(
                    "config.yaml: sources[0].type: 'beacon_361' is not a known source type; known: other_vendor, test_vendor");
        }

        @Test
        void rejectsSourceWithoutTypeListingTheKnownTypes() {
            assertThat(errors("""
                    sources:
                      - org_id: my_org
                    """)).containsExactly(
                    "config.yaml: sources[0].type: missing; expected a source type (other_vendor, test_vendor)");
        }

        @Test
        void rejectsSourceWithoutOrgId() {
            assertThat(errors("""
                    sources:
                      - type: test_vendor
                    """)).containsExactly("config.yaml: sources[0].org_id: missing; expected the utility's id");
        }

        @Test
        void rejectsOrgIdWithCharactersUnsafeForKeysAndTables() {
            assertThat(files.errors("""
                    sources:
                      - type: test_vendor
                        org_id: my org
                    """, "sources: {my org: {api_key: k}}")).containsExactly(
                    "config.yaml: sources[0].org_id: 'my org' may contain only letters, digits, '_', '.' and '-'");
        }

        @Test
        void rejectsDuplicateOrgId() {
            assertThat(errors("""
                    sources:
                      - type: test_vendor
                        org_id: my_org
                      - type: other_vendor
                        org_id: my_org
                    """)).containsExactly(
                    "config.yaml: sources[1].org_id: duplicate org_id 'my_org'; each source needs its own");
        }

        @Test
        void rejectsSourceThatReferencesAnUnknownSink() {
            assertThat(errors(CONFIG.replace("sinks: [warehouse]", "sinks: [warehouse, lake]"))).containsExactly("config.yaml: sources[0].sinks[1]: 'lake' is not a configured sink; known: warehouse");
        }

        @Test
        void rejectsUnknownKeyWithDidYouMeanHint() {
            assertThat(errors("""
                    sources:
                      - type: test_vendor
                        org_id: my_org
                        timezon: America/Los_Angeles
                    """)).containsExactly("config.yaml: sources[0].timezon: unknown key (did you mean 'timezone'?)");
        }

        @Test
        void rejectsUnknownTopLevelKeyWithoutHintWhenNothingIsClose() {
            assertThat(errors(CONFIG + "colour: blue\n")).containsExactly("config.yaml: colour: unknown key");
        }

        @Test
        void rejectsBootstrapServerThatIsNotHostAndPort() {
            assertThat(errors(CONFIG + """
                    kafka:
                      bootstrap-servers: broker1:9092,broker2
                    """)).containsExactly("config.yaml: kafka.bootstrap-servers: 'broker2' is not host:port; expected "
                    + "'embedded' or a comma-separated list like broker1:9092,broker2:9092");
        }

        @Test
        void rejectsSchemaRegistryUrlWithoutHttpScheme() {
            assertThat(errors(CONFIG + """
                    schema-registry:
                      url: registry.example.com:8081
                    """)).containsExactly("config.yaml: schema-registry.url: 'registry.example.com:8081' is not a registry "
                    + "address; expected 'embedded' or an http(s):// URL");
        }

        @Test
        void rejectsS3ArchiveWithoutBucket() {
            assertThat(errors(CONFIG + """
                    archive:
                      type: s3
                      region: us-west-2
                    """)).containsExactly("config.yaml: archive.bucket: missing; an s3 archive needs a bucket");
        }

        @Test
        void rejectsS3TaskOutputWithoutBucketUnderItsOwnName() {
            assertThat(errors(CONFIG + """
                    task_output:
                      type: s3
                    """)).containsExactly("config.yaml: task_output.bucket: missing; an s3 archive needs a bucket");
        }

        @Test
        void rejectsUnknownArchiveType() {
            assertThat(errors(CONFIG + """
                    archive:
                      type: gcs
                    """)).containsExactly("config.yaml: archive.type: 'gcs' is not an archive type; expected local or s3");
        }

        @Test
        void rejectsUnknownArchiveCodec() {
            assertThat(errors(CONFIG + """
                    archive:
                      codec: snappy
                    """)).containsExactly("config.yaml: archive.codec: 'snappy' is not an archive codec; expected "
                    + "deflate or zstd");
        }

        @Test
        void rejectsArchiveRotationSettingsOutOfRange() {
            assertThat(errors(CONFIG + """
                    archive:
                      rotate-records: 0
                      rotate-bytes: 64 elephants
                      rotate-interval: 0s
                      idle-flush: soon
                    """)).containsExactly(
                    "config.yaml: archive.rotate-records: 0 is out of range; expected at least 1",
                    "config.yaml: archive.rotate-bytes: '64 elephants' is not a size; expected bytes or e.g. 512KiB, "
                            + "64MiB, 1GB",
                    "config.yaml: archive.rotate-interval: must be longer than zero",
                    "config.yaml: archive.idle-flush: 'soon' is not a duration; expected e.g. 500ms, 30s, 5m, 2h, 1d");
        }

        @Test
        void rejectsArchiveRotationBytesBelowOneKibibyte() {
            assertThat(errors(CONFIG + """
                    archive:
                      rotate-bytes: 100
                    """)).containsExactly("config.yaml: archive.rotate-bytes: 100 is too small; expected at least "
                    + "1024 bytes");
        }

        @Test
        void rejectsArchiveEndpointThatIsNotAnAbsoluteUrl() {
            assertThat(errors(CONFIG + """
                    archive:
                      type: s3
                      bucket: raw
                      endpoint: minio:9000/path
                    """)).containsExactly("config.yaml: archive.endpoint: 'minio:9000/path' is not an absolute URL");
        }

        @Test
        void rejectsBackfillWithInvalidCron() {
            assertThat(errors(CONFIG + """
                    backfills:
                      - org_id: my_org
                        start_date: 2025-01-01
                        end_date: 2025-02-01
                        interval_days: 3
                        schedule: "61 * * * *"
                    """)).containsExactly("config.yaml: backfills[0].schedule: '61 * * * *' is not a five-field cron "
                    + "expression (minute hour day-of-month month day-of-week): Failed to parse cron expression. "
                    + "Value 61 not in range [0, 59]");
        }

        @Test
        void rejectsSixFieldQuartzStyleScheduleCron() {
            assertThat(errors("""
                    sources:
                      - type: test_vendor
                        org_id: my_org
                        schedules:
                          - name: standard
                            cron: "0 0 12 * * *"
                    """)).containsExactly("config.yaml: sources[0].schedules[0].cron: '0 0 12 * * *' is not a five-field "
                    + "cron expression (minute hour day-of-month month day-of-week): Cron expression contains 6 parts "
                    + "but we expect one of [5]");
        }

        @Test
        void rejectsBackfillThatEndsBeforeItStarts() {
            assertThat(errors(CONFIG + """
                    backfills:
                      - org_id: my_org
                        start_date: 2025-02-01
                        end_date: 2025-01-01
                        interval_days: 3
                        schedule: "0 1 * * *"
                    """)).containsExactly("config.yaml: backfills[0].end_date: 2025-01-01 is not after start_date 2025-02-01");
        }

        @Test
        void rejectsBackfillForAnUnknownOrg() {
            // the predecessor silently dropped such backfills; a typo in org_id would then never backfill anything
            assertThat(errors(CONFIG + """
                    backfills:
                      - org_id: ignore-me-i-do-not-match-any-org
                        start_date: 2025-01-01
                        end_date: 2025-02-01
                        interval_days: 3
                        schedule: "0 12 3 * *"
                    """)).containsExactly(
                    "config.yaml: backfills[0].org_id: 'ignore-me-i-do-not-match-any-org' is not a configured source");
        }

        @Test
        void rejectsBackfillWithMissingFieldsNamingEachOne() {
            assertThat(errors(CONFIG + """
                    backfills:
                      - org_id: my_org
                    """)).containsExactly(
                    "config.yaml: backfills[0].start_date: missing; expected a date YYYY-MM-DD",
                    "config.yaml: backfills[0].end_date: missing; expected a date YYYY-MM-DD",
                    "config.yaml: backfills[0].interval_days: missing; expected the number of days per chunk",
                    "config.yaml: backfills[0].schedule: missing; expected a five-field cron expression");
        }

        @Test
        void rejectsImpossibleCalendarDateInsteadOfRollingItOver() {
            // YAML 1.1 reads an unquoted 2025-02-30 as a lenient timestamp (2025-03-02); it must be refused
            assertThat(errors(CONFIG + """
                    backfills:
                      - org_id: my_org
                        start_date: 2025-01-01
                        end_date: 2025-02-30
                        interval_days: 3
                        schedule: "0 1 * * *"
                    """)).containsExactly("config.yaml: backfills[0].end_date: '2025-02-30' is not a date; expected YYYY-MM-DD");
        }

        @Test
        void reportsMissingVendorSecretWithSecretsFileAndKeyPath() {
            assertThat(files.errors(CONFIG, null)).containsExactly(
                    "secrets.yaml: sources.my_org.api_key: missing; expected the Test Vendor API key");
        }

        @Test
        void reportsMissingVendorSecretWhenOnlyAnotherOrgHasSecrets() {
            assertThat(files.errors(CONFIG, """
                    sources:
                      someone_else:
                        api_key: k
                    """)).containsExactly("secrets.yaml: sources.my_org.api_key: missing; expected the Test Vendor API key");
        }

        @Test
        void rejectsUnknownSecretKeyWithHint() {
            assertThat(files.errors(CONFIG, """
                    sources:
                      my_org:
                        api_key: k
                        api_kye: k
                    """)).containsExactly("secrets.yaml: sources.my_org.api_kye: unknown key (did you mean 'api_key'?)");
        }

        @Test
        void rejectsListWhereASingleValueIsExpected() {
            assertThat(errors("""
                    sources:
                      - type: test_vendor
                        org_id: my_org
                        timezone: [America/Los_Angeles, Europe/Rome]
                    """)).containsExactly("config.yaml: sources[0].timezone: expected a single value, found a list");
        }

        @Test
        void rejectsSingleValueWhereAListIsExpected() {
            assertThat(errors(CONFIG.replace("sinks: [warehouse]", "sinks: warehouse")))
                    .containsExactly("config.yaml: sources[0].sinks: expected a list, found 'warehouse'");
        }

        @Test
        void rejectsSourcesWrittenAsAMappingLikeInSecretsYaml() {
            assertThat(errors("""
                    sources:
                      my_org:
                        type: test_vendor
                    """)).containsExactly("config.yaml: sources: expected a list, found a mapping");
        }

        @Test
        void rejectsInvalidYamlNamingTheLine() {
            assertThat(errors("""
                    kafka:
                      bootstrap-servers: embedded
                     partitions: 3
                    """)).containsExactly(
                    "config.yaml: line 3: not valid YAML: expected <block end>, but found '<block mapping start>'");
        }

        @Test
        void rejectsDuplicateKeysNamingTheLine() {
            assertThat(errors("""
                    kafka:
                      partitions: 3
                      partitions: 6
                    """)).containsExactly("config.yaml: line 3: not valid YAML: found duplicate key partitions");
        }

        @Test
        void rejectsConfigWhoseTopLevelIsNotAMapping() {
            assertThat(errors("- just\n- a list\n")).containsExactly("config.yaml: expected a mapping at the top level");
        }

        @Test
        void reportsConfigFileNotFoundWithItsPath() {
            Path missing = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> files.loader().load(missing, Optional.empty()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(missing + ": file not found");
        }

        @Test
        void reportsExplicitSecretsFileNotFoundWithItsPath() {
            Path config = files.write("config.yaml", CONFIG);
            Path missing = dir.resolve("prod-secrets.yaml");

            assertThatThrownBy(() -> files.loader().load(config, Optional.of(missing)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(missing + ": file not found");
        }

        @Test
        void rejectsDurationWithoutAUnitItUnderstands() {
            assertThat(errors(CONFIG + """
                    loader:
                      batch-interval: 2 seconds
                    """)).containsExactly(
                    "config.yaml: loader.batch-interval: '2 seconds' is not a duration; expected e.g. 500ms, 30s, 5m, 2h, 1d");
        }

        @Test
        void readsTheTransformerSectionAndDefaultsWhatItOmits() {
            AmiConnectConfig config = files.load(CONFIG + """
                    transformer:
                      stream-threads: 4
                      standby-replicas: 1
                      state-dir: /var/lib/amiconnect/streams
                      metadata-grace: 30m
                    """, SECRETS);

            assertThat(config.transformer().streamThreads()).isEqualTo(4);
            assertThat(config.transformer().standbyReplicas()).isEqualTo(1);
            assertThat(config.transformer().stateDir()).contains(Path.of("/var/lib/amiconnect/streams"));
            assertThat(config.transformer().metadataGrace()).contains(Duration.ofMinutes(30));
            assertThat(config.transformer().halvesGrace()).isEmpty();
            assertThat(files.load(CONFIG, SECRETS).transformer()).isEqualTo(TransformerSettings.DEFAULTS);
        }

        @Test
        void rejectsAnUnknownTransformerKeyAndZeroThreads() {
            assertThat(errors(CONFIG + """
                    transformer:
                      stream-threads: 0
                      standby-replica: 1
                    """)).containsExactly(
                    "config.yaml: transformer.stream-threads: 0 is out of range; expected 1..64",
                    "config.yaml: transformer.standby-replica: unknown key (did you mean 'standby_replicas'?)");
        }

        @Test
        void acceptsIsoDurations() {
            AmiConnectConfig config = files.load(CONFIG + """
                    extractor:
                      run-timeout: PT45M
                    """, SECRETS);

            assertThat(config.extractor().runTimeout()).isEqualTo(Duration.ofMinutes(45));
        }

        @Test
        void rejectsIntegerOutOfRange() {
            assertThat(errors(CONFIG + """
                    kafka:
                      partitions: 0
                      embedded:
                        port: 70000
                    """)).containsExactly(
                    "config.yaml: kafka.partitions: 0 is out of range; expected 1..1000",
                    "config.yaml: kafka.embedded.port: 70000 is out of range; expected 1..65535");
        }

        @Test
        void rejectsIntegerTooLargeForALongInsteadOfWrappingIntoRange() {
            // 2^64 + 3 would wrap to 3 if narrowed to a long
            assertThat(errors(CONFIG + """
                    kafka:
                      partitions: 18446744073709551619
                    """)).containsExactly(
                    "config.yaml: kafka.partitions: 18446744073709551619 is out of range; expected 1..1000");
        }

        @Test
        void rejectsFractionWhereAWholeNumberIsExpected() {
            assertThat(errors(CONFIG + """
                    loader:
                      batch-records: 2.5
                    """)).containsExactly("config.yaml: loader.batch-records: '2.5' is not a whole number");
        }

        @Test
        void rejectsNonBooleanFlag() {
            assertThat(errors(CONFIG + """
                    loader:
                      create-tables: sometimes
                    """)).containsExactly("config.yaml: loader.create-tables: 'sometimes' is not a boolean; expected true or false");
        }

        @Test
        void rejectsUnknownSinkType() {
            assertThat(errors("""
                    sinks:
                      - id: warehouse
                        type: bigquery
                    """)).containsExactly("config.yaml: sinks[0].type: 'bigquery' is not a sink type; expected one of "
                    + "duckdb, postgresql, snowflake");
        }

        @Test
        void rejectsPostgresqlSinkWithoutJdbcUrl() {
            assertThat(errors("""
                    sinks:
                      - id: pg
                        type: postgresql
                        url: postgres://db:5432/ami
                      - id: pg2
                        type: postgresql
                    """)).containsExactly(
                    "config.yaml: sinks[0].url: 'postgres://db:5432/ami' is not a PostgreSQL JDBC URL; expected "
                            + "jdbc:postgresql://host:5432/db",
                    "config.yaml: sinks[1].url: missing; expected a JDBC URL like jdbc:postgresql://host:5432/db");
        }

        @Test
        void rejectsDuplicateSinkId() {
            assertThat(errors("""
                    sinks:
                      - {id: warehouse, type: duckdb}
                      - {id: warehouse, type: duckdb, path: other.duckdb}
                    """)).containsExactly("config.yaml: sinks[1].id: duplicate sink id 'warehouse'");
        }

        @Test
        void rejectsSnowflakeSinkWithIncompleteSecrets() {
            assertThat(files.errors("""
                    sinks:
                      - id: sf
                        type: snowflake
                    """, """
                    sinks:
                      sf:
                        account: acct
                        user: loader
                        role: loader_role
                        warehouse: wh
                        database: ami
                    """)).containsExactly(
                    "secrets.yaml: sinks.sf.schema: missing; the snowflake sink 'sf' needs account, user, role, "
                            + "warehouse, database, schema and ssh_key (or password)",
                    "secrets.yaml: sinks.sf: the snowflake sink 'sf' needs ssh_key (key-pair auth) or password");
        }

        @Test
        void reportsEveryProblemInOneException() {
            List<String> lines = files.errors("""
                    kafka:
                      partitions: 0
                    sinks:
                      - id: warehouse
                        type: duckdb
                    sources:
                      - type: test_vendor
                        org_id: my_org
                        timezone: Mars/Olympus_Mons
                        sinks: [lake]
                    backfills:
                      - org_id: other_org
                        start_date: 2025-01-01
                        end_date: 2025-02-01
                        interval_days: 3
                        schedule: "0 1 * * *"
                    """, null);

            assertThat(lines).containsExactlyInAnyOrder(
                    "config.yaml: kafka.partitions: 0 is out of range; expected 1..1000",
                    "config.yaml: sources[0].timezone: 'Mars/Olympus_Mons' is not an IANA time zone (e.g. America/Los_Angeles)",
                    "config.yaml: sources[0].sinks[0]: 'lake' is not a configured sink; known: warehouse",
                    "secrets.yaml: sources.my_org.api_key: missing; expected the Test Vendor API key",
                    "config.yaml: backfills[0].org_id: 'other_org' is not a configured source");
        }

        @Test
        void exposesEachProblemAsAStructuredError() {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> files.load(CONFIG + "kafka: {partitions: 0}\n", null));

            assertThat(e.errors()).containsExactly(
                    new ConfigError("config.yaml", "kafka.partitions", "0 is out of range; expected 1..1000"),
                    new ConfigError("secrets.yaml", "sources.my_org.api_key", "missing; expected the Test Vendor API key"));
        }
    }

    @Nested
    class SecretValuesNeverInErrors {

        private static final String SECRET = "hunter2-very-secret";

        static Stream<Arguments> malformedSecrets() {
            return Stream.of(
                    Arguments.of("org entry is a bare value", """
                            sources:
                              my_org: hunter2-very-secret
                            """, "secrets.yaml: sources.my_org: expected a mapping, found a single value"),
                    Arguments.of("secret is a list", """
                            sources:
                              my_org:
                                api_key: [hunter2-very-secret]
                            """, "secrets.yaml: sources.my_org.api_key: expected a single text value"),
                    Arguments.of("secret is a mapping", """
                            sources:
                              my_org:
                                api_key: {value: hunter2-very-secret}
                            """, "secrets.yaml: sources.my_org.api_key: expected a single text value"),
                    Arguments.of("sink entry is a bare value", """
                            sources: {my_org: {api_key: k}}
                            sinks:
                              pg: hunter2-very-secret
                            """, "secrets.yaml: sinks.pg: expected a mapping, found a single value"),
                    Arguments.of("kafka properties is a bare value", """
                            sources: {my_org: {api_key: k}}
                            kafka:
                              properties: hunter2-very-secret
                            """, "secrets.yaml: kafka.properties: expected a mapping, found a single value"),
                    Arguments.of("registry password is a mapping", """
                            sources: {my_org: {api_key: k}}
                            schema_registry:
                              password: {pw: hunter2-very-secret}
                            """, "secrets.yaml: schema_registry.password: expected a single text value"),
                    Arguments.of("secret under a misspelt key", """
                            sources:
                              my_org:
                                apikey: hunter2-very-secret
                            """, "secrets.yaml: sources.my_org.apikey: unknown key (did you mean 'api_key'?)"),
                    Arguments.of("unterminated quote", """
                            sources:
                              my_org:
                                api_key: "hunter2-very-secret
                            """, "secrets.yaml: line 4: not valid YAML: found unexpected end of stream"),
                    Arguments.of("file is a bare value", "hunter2-very-secret\n",
                            "secrets.yaml: expected a mapping at the top level"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedSecrets")
        void malformedSecretEntryIsReportedWithoutItsValue(String shape, String secrets, String expectedLine) {
            List<String> lines = files.errors(CONFIG_WITH_PG, secrets);

            assertThat(lines).contains(expectedLine);
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
        }
    }
}
