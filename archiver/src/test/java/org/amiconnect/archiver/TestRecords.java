package org.amiconnect.archiver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Raw records as the Beacon 360 extractor publishes them: keyed by org and endpoint, with run headers. */
public final class TestRecords {

    public static final String ORG = "utility_a";
    public static final String OTHER_ORG = "utility_b";
    public static final Instant T0 = Instant.parse("2025-03-09T22:00:00Z");

    private TestRecords() {
    }

    public static Beacon360MeterRead read(String org, String endpoint, long row) {
        String time = "2025-03-0" + (1 + row % 9) + " 0" + (row % 10) + ":00:00";
        return Beacon360MeterRead.newBuilder()
                .setAccountID("acct-" + endpoint).setBatteryLevel("good").setEndpointSN(endpoint)
                .setFlow(String.valueOf(row % 17)).setFlowTime(time).setFlowUnit("Gallons")
                .setLocationCity("Apple").setLocationLongitude("")
                .setRead(String.valueOf(1000 + row)).setReadTime(time).setReadUnit("CCF").setSignalStrength("marginal")
                .setExtract(ExtractMetadata.newBuilder().setOrgId(org).setRunId("run-" + (row / 100))
                        .setExtractedAt(Instant.parse("2025-03-09T12:00:00.000001Z"))
                        .setSource("report.csv").setSourceRecord(row).build())
                .build();
    }

    public static byte[] key(String org, String endpoint) {
        return RecordKeys.of(org, endpoint).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] value(SchemaRegistry registry, String topic, Beacon360MeterRead read) {
        try (AvroSerializer<Beacon360MeterRead> serializer = new AvroSerializer<>(registry)) {
            return serializer.serialize(topic, read);
        }
    }

    /** A consumed record of row {@code row}: offset = row, one second apart from {@link #T0}. */
    public static ConsumerRecord<byte[], byte[]> consumed(SchemaRegistry registry, String topic, int partition, long row) {
        String endpoint = "ep-" + row;
        byte[] key = key(ORG, endpoint);
        byte[] value = value(registry, topic, read(ORG, endpoint, row));
        RecordHeaders headers = new RecordHeaders();
        headers.add("ami.run-id", ("run-" + (row / 100)).getBytes(StandardCharsets.UTF_8));
        headers.add("ami.org-id", ORG.getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        return new ConsumerRecord<>(topic, partition, row, T0.toEpochMilli() + row * 1000, TimestampType.CREATE_TIME,
                key.length, value.length, key, value, headers, Optional.empty());
    }
}
