package org.amiconnect.loader.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.TimestampConverter;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code flowtime} becomes on the Snowflake connector path. Confluent's AvroConverter ({@code AvroData
 * .toConnectSchema}, {@code case LONG}) maps only {@code timestamp-millis} to Connect's {@code Timestamp}; our
 * {@code timestamp-micros} fields arrive as plain INT64 microseconds, which the connector's schematization would land as
 * a NUMBER. The generated config's TimestampConverter transforms, run here with Kafka's own classes, turn them into
 * Connect {@code Timestamp}s, which land as timestamps.
 */
class SnowflakeConnectorTimestampsTest {

    private static final Instant FLOWTIME = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path dir;

    private Map<String, String> settings() {
        AmiConnectConfig config = ConfigFiles.in(dir).set("kafka.topic-prefix", "prod.").snowflakeSink("sf")
                .beacon360("utility_a", "u", "p", "sinks", List.of("sf")).load();
        SinkConfig sink = config.sink("sf").orElseThrow();
        return SnowflakeConnectorConfig.settings(config, sink, "amiconnect-snowflake-sf");
    }

    @Test
    void flowtimeArrivingAsInt64MicrosecondsLeavesTheTransformsAsAConnectTimestamp() {
        Map<String, String> settings = settings();
        // the Connect schema AvroData gives a GeneralMeterRead: timestamp-micros is a plain int64
        org.apache.kafka.connect.data.Schema value = SchemaBuilder.struct().name("GeneralMeterRead")
                .field("org_id", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                .field("flowtime", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
                .field("install_date", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA).build();
        Struct read = new Struct(value).put("org_id", "utility_a").put("flowtime", FLOWTIME.toEpochMilli() * 1000)
                .put("install_date", null);
        SinkRecord record = new SinkRecord("prod.ami.meter-reads", 0, null, "utility_a|d1", value, read, 7);

        SinkRecord out = record;
        for (String name : settings.get("transforms").split(",")) {
            if (predicate(settings, settings.get("transforms." + name + ".predicate")).test(out)) {
                out = transform(settings, name).apply(out);
            }
        }

        Struct landed = (Struct) out.value();
        assertThat(landed.schema().field("flowtime").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(((java.util.Date) landed.get("flowtime")).toInstant()).isEqualTo(FLOWTIME);
        assertThat(landed.get("install_date")).isNull();
        assertThat(landed.schema().field("install_date").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    }

    @Test
    void everyTimestampMicrosFieldOfBothTopicsHasATransformOnlyForItsOwnTopic() {
        Map<String, String> settings = settings();

        assertThat(SnowflakeConnectorConfig.MICROS_FIELDS.get("reads"))
                .containsExactlyInAnyOrderElementsOf(microsFields(GeneralMeterRead.getClassSchema()));
        assertThat(SnowflakeConnectorConfig.MICROS_FIELDS.get("meters"))
                .containsExactlyInAnyOrderElementsOf(microsFields(GeneralMeter.getClassSchema()));
        SinkRecord meter = new SinkRecord("prod.ami.meters", 0, null, "k", null, null, 0);
        SinkRecord read = new SinkRecord("prod.ami.meter-reads", 0, null, "k", null, null, 0);
        assertThat(predicate(settings, "is_reads").test(read)).isTrue();
        assertThat(predicate(settings, "is_reads").test(meter)).isFalse();
        assertThat(predicate(settings, "is_meters").test(meter)).isTrue();
        assertThat(settings.get("transforms.reads_flowtime.unix.precision")).isEqualTo("microseconds");
    }

    private static List<String> microsFields(Schema record) {
        return record.getFields().stream().filter(f -> {
            Schema s = f.schema().isUnion() ? f.schema().getTypes().get(1) : f.schema();
            return s.getLogicalType() instanceof LogicalTypes.TimestampMicros;
        }).map(Schema.Field::name).toList();
    }

    private static TimestampConverter.Value<SinkRecord> transform(Map<String, String> settings, String name) {
        TimestampConverter.Value<SinkRecord> smt = new TimestampConverter.Value<>();
        smt.configure(prefixed(settings, "transforms." + name + "."));
        return smt;
    }

    private static TopicNameMatches<SinkRecord> predicate(Map<String, String> settings, String name) {
        TopicNameMatches<SinkRecord> p = new TopicNameMatches<>();
        p.configure(prefixed(settings, "predicates." + name + "."));
        return p;
    }

    private static Map<String, String> prefixed(Map<String, String> settings, String prefix) {
        Map<String, String> out = new HashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
