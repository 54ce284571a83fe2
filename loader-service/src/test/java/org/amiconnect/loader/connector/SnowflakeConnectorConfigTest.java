package org.amiconnect.loader.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SnowflakeConnectorConfigTest {

    @TempDir
    Path dir;

    /** A Snowflake sink {@code sf} on a 6-partition cluster with topic prefix {@code prod.}. */
    private ConfigFiles files() {
        return ConfigFiles.in(dir).kafka("broker:9092", "prod.").set("kafka.partitions", 6).snowflakeSink("sf")
                .beacon360("utility_a", "u", "p");
    }

    @Test
    void configuresSnowpipeStreamingForTheNormalizedTopicsWithTheRegistrysAvroConverter() throws Exception {
        AmiConnectConfig config = files().set("schema-registry.url", "https://registry.example.com:8081").load();
        SinkConfig sink = SnowflakeConnectorConfig.snowflakeSink(config, null);

        Map<String, String> settings = SnowflakeConnectorConfig.settings(config, sink, "amiconnect-snowflake-sf");

        assertThat(settings).containsEntry("name", "amiconnect-snowflake-sf")
                .containsEntry("connector.class", "com.snowflake.kafka.connector.SnowflakeStreamingSinkConnector")
                .containsEntry("tasks.max", "6")
                .containsEntry("topics", "prod.ami.meter-reads,prod.ami.meters")
                .containsEntry("snowflake.topic2table.map",
                        "prod.ami.meter-reads:KAFKA_METER_READS,prod.ami.meters:KAFKA_METERS")
                .containsEntry("snowflake.url.name", "https://myorg-account1.snowflakecomputing.com")
                .containsEntry("snowflake.user.name", "AMI_CONNECTOR")
                .containsEntry("snowflake.role.name", "AMI_ROLE")
                .containsEntry("snowflake.database.name", "AMI")
                .containsEntry("snowflake.schema.name", "RAW")
                .containsEntry("snowflake.private.key",
                        "${file:/etc/kafka-connect/secrets/amiconnect-snowflake.properties:snowflake.private.key}")
                .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry("value.converter", "io.confluent.connect.avro.AvroConverter")
                .containsEntry("value.converter.schema.registry.url", "https://registry.example.com:8081")
                .containsEntry("snowflake.enable.schematization", "true")
                .containsEntry("snowflake.streaming.validate.compatibility.with.classic", "false")
                .doesNotContainKey("value.converter.basic.auth.user.info")
                .doesNotContainKey("snowflake.private.key.passphrase");
        // every topic has a table, and no secret value is in the config
        for (String topic : settings.get("topics").split(",")) {
            assertThat(settings.get("snowflake.topic2table.map")).contains(topic + ":");
        }
        assertThat(String.join("\n", settings.values())).doesNotContain("MIIB");
    }

    @Test
    void writesPropertiesAndJsonThatReadBackToTheSameSettings() throws Exception {
        AmiConnectConfig config = files().load();
        SinkConfig sink = config.sink("sf").orElseThrow();
        Map<String, String> settings = SnowflakeConnectorConfig.settings(config, sink, "c1");

        String properties = SnowflakeConnectorConfig.properties(settings, sink);
        Properties read = new Properties();
        read.load(new StringReader(properties));
        Map<String, String> fromProperties = new LinkedHashMap<>();
        read.stringPropertyNames().forEach(k -> fromProperties.put(k, read.getProperty(k)));
        assertThat(fromProperties).isEqualTo(settings);
        assertThat(properties).startsWith("# Snowflake Connector for Kafka v4 (Snowpipe Streaming) for AMI Connect "
                + "sink 'sf'").contains("\nname=c1\nconnector.class=");

        JsonNode json = new ObjectMapper().readTree(SnowflakeConnectorConfig.json(settings));
        assertThat(json.get("name").asText()).isEqualTo("c1");
        assertThat(new ObjectMapper().convertValue(json.get("config"), new TypeReference<Map<String, String>>() { }))
                .isEqualTo(settings);
        // the embedded registry is the one `amiconnect run` serves on loopback
        assertThat(settings).containsEntry("value.converter.schema.registry.url", "http://127.0.0.1:8081");
    }

    @Test
    void refersToTheRegistryCredentialsAndKeyPassphraseInTheSecretsFile() throws Exception {
        AmiConnectConfig config = files().set("schema-registry.url", "https://registry.example.com")
                .secret("sinks.sf.ssh_key_passphrase", "pass-1")
                .secret("schema_registry", Map.of("username", "reg-user", "password", "reg-pw")).load();
        Map<String, String> settings = SnowflakeConnectorConfig.settings(config, config.sink("sf").orElseThrow(), "c1");

        assertThat(settings)
                .containsEntry("snowflake.private.key.passphrase",
                        "${file:/etc/kafka-connect/secrets/amiconnect-snowflake.properties:snowflake.private.key.passphrase}")
                .containsEntry("value.converter.basic.auth.credentials.source", "USER_INFO")
                .containsEntry("value.converter.basic.auth.user.info", "${file:/etc/kafka-connect/secrets/"
                        + "amiconnect-snowflake.properties:schema.registry.basic.auth.user.info}");
        assertThat(String.join("\n", settings.values())).doesNotContain("pass-1", "reg-pw");
    }

    @Test
    void choosesTheSnowflakeSinkOrSaysWhichToChoose() throws Exception {
        AmiConnectConfig config = files().sink("local", "duckdb").load();

        assertThat(SnowflakeConnectorConfig.snowflakeSink(config, null).id()).isEqualTo("sf");
        assertThatThrownBy(() -> SnowflakeConnectorConfig.snowflakeSink(config, "local"))
                .hasMessage("--sink: 'local' is a duckdb sink; the Kafka connector loads Snowflake only");
        assertThatThrownBy(() -> SnowflakeConnectorConfig.snowflakeSink(config, "nope"))
                .hasMessage("--sink: 'nope' is not a configured sink; known: sf, local");
    }
}
