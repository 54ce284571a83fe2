package org.amiconnect.testsupport.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Records as the pipeline publishes them: normalized reads and meters as the transformer does, Beacon 360 raw reads
 * as its extractor does (keyed by org and endpoint, with the run headers). Every field is fixed or derived from the
 * arguments, so tests can assert exact values.
 */
public final class TestRecords {

    /** The org most tests load. */
    public static final String ORG = "utility_a";
    /** A second org, for what must be kept apart from {@link #ORG}. */
    public static final String OTHER_ORG = "utility_b";
    /** Timestamp of raw row 0 in {@link #consumed}; the topics filled row by row count from it. */
    public static final Instant T0 = Instant.parse("2025-03-09T22:00:00Z");

    /** The Beacon 360 raw reads as a loader sees them: table {@code beacon_360_base}, keyed by device and read time. */
    public static final RawEntity BEACON_READS = new RawEntity("beacon360", "meter-read", Beacon360MeterRead.class,
            "beacon_360_base", Map.of("device_id", "Endpoint_SN"), List.of("device_id", "read_time"));

    /** Beacon 360's naive local read times, to the minute. */
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Instant INSTALLED = Instant.parse("2020-03-04T05:06:07.000008Z");

    private TestRecords() {
    }

    /** A normalized read in cubic feet, battery {@code good}; a {@code null} register has no unit either. */
    public static GeneralMeterRead meterRead(String org, String device, Instant flowtime, Double register) {
        // the all-fields constructor: builders validate and copy, which dominates building 100k reads
        return new GeneralMeterRead(org, device, "acct-" + device, "loc-" + device, flowtime,
                register, register == null ? null : "CF", 0.5, "CF", "good", INSTALLED, 0, "marginal", null);
    }

    /** A normalized meter at {@code address}; the other fields derive from the device id. */
    public static GeneralMeter meter(String org, String device, String address) {
        return GeneralMeter.newBuilder()
                .setOrgId(org).setDeviceId(device).setAccountId("acct-" + device).setLocationId("loc-" + device)
                .setMeterId("m-" + device).setEndpointId(device)
                .setMeterInstallDate(Instant.parse("2019-01-02T03:04:05Z"))
                .setMeterSize("0.625").setMeterManufacturer("BADGER").setMultiplier(null)
                .setLocationAddress(address).setLocationCity("Apple").setLocationState("CA").setLocationZip("93727")
                .build();
    }

    /** A Beacon 360 raw read of run {@code run-1}: {@code read} CCF at {@code readTime}, from row {@code row}. */
    public static Beacon360MeterRead beaconRead(String org, String endpoint, String readTime, String read, long row) {
        return Beacon360MeterRead.newBuilder()
                .setAccountID("303022").setBatteryLevel("good").setEndpointSN(endpoint)
                .setFlow("5.0").setFlowTime(readTime).setFlowUnit("Gallons")
                .setLocationCity("Apple").setLocationLongitude("")
                .setRead(read).setReadTime(readTime).setReadUnit("CCF").setSignalStrength("marginal")
                .setExtract(ExtractMetadata.newBuilder().setOrgId(org).setRunId("run-1")
                        .setExtractedAt(Instant.parse("2024-08-02T12:00:00.000001Z"))
                        .setSource("report-1.csv").setSourceRecord(row).build())
                .build();
    }

    /**
     * {@code reads} hourly Beacon 360 raw reads of meters {@code d0..d<devices-1>} in turn, as records of {@code topic}
     * keyed by org and meter: read {@code i} is meter {@code i % devices} at {@code first} plus {@code i / devices}
     * hours (naive local time), register 1000 plus those hours, source row {@code i + 1} ({@link #beaconRead}).
     *
     * @param timestamp each record's Kafka timestamp, epoch milliseconds, or {@code null} for the time it is sent
     */
    public static List<ProducerRecord<String, Beacon360MeterRead>> hourlyBeaconReads(String topic, String org,
            int devices, int reads, LocalDateTime first, Long timestamp) {
        List<ProducerRecord<String, Beacon360MeterRead>> records = new ArrayList<>(reads);
        for (int i = 0; i < reads; i++) {
            String device = "d" + (i % devices);
            String time = first.plusHours(i / devices).format(LOCAL_MINUTES);
            records.add(new ProducerRecord<>(topic, null, timestamp, RecordKeys.of(org, device),
                    beaconRead(org, device, time, String.valueOf(1000 + i / devices), i + 1)));
        }
        return records;
    }

    /** Beacon 360 raw read number {@code row} of a generated report: run {@code run-<row / 100>}, read 1000 + row. */
    public static Beacon360MeterRead beaconReadOfRow(String org, String endpoint, long row) {
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

    /** The record key of an org's endpoint, UTF-8. */
    public static byte[] key(String org, String endpoint) {
        return RecordKeys.of(org, endpoint).getBytes(StandardCharsets.UTF_8);
    }

    /** A raw read in the registry's wire format, its schema registered under {@code topic}. */
    public static byte[] value(SchemaRegistry registry, String topic, Beacon360MeterRead read) {
        try (AvroSerializer<Beacon360MeterRead> serializer = new AvroSerializer<>(registry)) {
            return serializer.serialize(topic, read);
        }
    }

    /** The run headers the extractor puts on a raw record of row {@code row}: run id and org id. */
    public static RecordHeaders runHeaders(String org, long row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ami.run-id", ("run-" + (row / 100)).getBytes(StandardCharsets.UTF_8));
        headers.add("ami.org-id", org.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** A consumed record of row {@code row}: offset = row, one second apart from {@link #T0}, one empty header. */
    public static ConsumerRecord<byte[], byte[]> consumed(SchemaRegistry registry, String topic, int partition, long row) {
        String endpoint = "ep-" + row;
        byte[] key = key(ORG, endpoint);
        byte[] value = value(registry, topic, beaconReadOfRow(ORG, endpoint, row));
        RecordHeaders headers = runHeaders(ORG, row);
        headers.add("empty", null);
        return new ConsumerRecord<>(topic, partition, row, T0.toEpochMilli() + row * 1000, TimestampType.CREATE_TIME,
                key.length, value.length, key, value, headers, Optional.empty());
    }
}
