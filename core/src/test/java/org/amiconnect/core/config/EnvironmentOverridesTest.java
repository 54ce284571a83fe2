package org.amiconnect.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment variables override config.yaml and inject secrets, addressing list entries by their id. */
class EnvironmentOverridesTest {

    private static final String CONFIG = """
            kafka:
              bootstrap-servers: embedded
            sinks:
              - id: warehouse
                type: duckdb
            sources:
              - type: test_vendor
                org_id: my_org
                timezone: America/Los_Angeles
              - type: test_vendor
                org_id: other-org
            """;
    private static final String SECRETS = """
            sources:
              my_org:
                api_key: from-file
              other-org:
                api_key: other-key
            """;

    @TempDir
    Path dir;

    private AmiConnectConfig load(Map<String, String> env, String config, String secrets) {
        return new ConfigFiles(dir, env).load(config, secrets);
    }

    @Test
    void bootstrapServersVariableOverridesTheDashedKey() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT__KAFKA__BOOTSTRAP_SERVERS", "broker1:9092,broker2:9092"),
                CONFIG, SECRETS);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker1:9092,broker2:9092");
        assertThat(config.kafka().embedded()).isFalse();
    }

    @Test
    void variableCreatesASectionTheFileLeavesOut() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT__LOADER__BATCH_RECORDS", "1000",
                "AMI_CONNECT__LOADER__CREATE_TABLES", "false"), CONFIG, SECRETS);

        assertThat(config.loader().batchRecords()).isEqualTo(1000);
        assertThat(config.loader().createTables()).isFalse();
    }

    @Test
    void sourceEntryIsAddressedByItsOrgId() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT__SOURCES__MY_ORG__TIMEZONE", "Europe/Rome",
                // org ids match case-insensitively with '-' = '_', since variable names cannot hold '-'
                "AMI_CONNECT__SOURCES__OTHER_ORG__TIMEZONE", "America/Denver"), CONFIG, SECRETS);

        assertThat(config.source("my_org").orElseThrow().timezone()).isEqualTo(ZoneId.of("Europe/Rome"));
        assertThat(config.source("other-org").orElseThrow().timezone()).isEqualTo(ZoneId.of("America/Denver"));
    }

    @Test
    void sinkEntryIsAddressedByItsId() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT__SINKS__WAREHOUSE__PATH", "/data/override.duckdb"),
                CONFIG, SECRETS);

        assertThat(config.sink("warehouse").orElseThrow().path()).isEqualTo(Path.of("/data/override.duckdb"));
    }

    @Test
    void secretsVariableInjectsASecretMissingFromTheFile() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT_SECRETS__SOURCES__MY_ORG__API_KEY", "from-env",
                "AMI_CONNECT_SECRETS__SOURCES__OTHER_ORG__API_KEY", "other-from-env"), CONFIG, null);

        assertThat(TestVendorAdapter.apiKeyOf(config, "my_org")).isEqualTo(Secret.of("from-env"));
        assertThat(TestVendorAdapter.apiKeyOf(config, "other-org")).isEqualTo(Secret.of("other-from-env"));
    }

    @Test
    void secretsVariableReplacesTheFilesValue() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT_SECRETS__SOURCES__MY_ORG__API_KEY", "from-env"),
                CONFIG, SECRETS);

        assertThat(TestVendorAdapter.apiKeyOf(config, "my_org")).isEqualTo(Secret.of("from-env"));
        assertThat(TestVendorAdapter.apiKeyOf(config, "other-org")).isEqualTo(Secret.of("other-key"));
    }

    @Test
    void secretsVariableAppliesToSecretsNestedUnderSecretsKey() {
        AmiConnectConfig config = load(Map.of("AMI_CONNECT_SECRETS__SOURCES__MY_ORG__API_KEY", "from-env"),
                CONFIG, "secrets:\n  sources:\n    other-org:\n      api_key: nested\n");

        assertThat(TestVendorAdapter.apiKeyOf(config, "my_org")).isEqualTo(Secret.of("from-env"));
        assertThat(TestVendorAdapter.apiKeyOf(config, "other-org")).isEqualTo(Secret.of("nested"));
    }

    @Test
    void configVariableDoesNotTouchSecretsAndSecretsVariableDoesNotTouchConfig() {
        Map<String, Object> config = tree(Map.of("kafka", new LinkedHashMap<>(Map.of("partitions", 3))));
        Map<String, String> env = Map.of("AMI_CONNECT__KAFKA__PARTITIONS", "6",
                "AMI_CONNECT_SECRETS__KAFKA__PARTITIONS", "9");

        List<String> applied = EnvironmentOverrides.apply(config, EnvironmentOverrides.CONFIG_PREFIX, env);

        assertThat(applied).containsExactly("AMI_CONNECT__KAFKA__PARTITIONS");
        assertThat(config).isEqualTo(Map.of("kafka", Map.of("partitions", "6")));
    }

    @Test
    void unknownListEntryIsAClearError() {
        assertThatThrownBy(() -> load(Map.of("AMI_CONNECT__SOURCES__NO_SUCH_ORG__TIMEZONE", "UTC"), CONFIG, SECRETS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment: AMI_CONNECT__SOURCES__NO_SUCH_ORG__TIMEZONE: no entry with org_id or id "
                        + "'no_such_org' to override");
    }

    @Test
    void variableEndingAtAListEntryIsAClearError() {
        assertThatThrownBy(() -> load(Map.of("AMI_CONNECT__SOURCES__MY_ORG", "x"), CONFIG, SECRETS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment: AMI_CONNECT__SOURCES__MY_ORG: names the entry 'my_org' but no key inside it");
    }

    @Test
    void overriddenValueIsValidatedLikeTheFile() {
        assertThatThrownBy(() -> load(Map.of("AMI_CONNECT__SOURCES__MY_ORG__TIMEZONE", "Europe/Rom"), CONFIG, SECRETS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.yaml: sources[0].timezone: 'Europe/Rom' is not an IANA time zone "
                        + "(e.g. America/Los_Angeles)");
    }

    private static Map<String, Object> tree(Map<String, Object> m) {
        return new LinkedHashMap<>(m);
    }
}
