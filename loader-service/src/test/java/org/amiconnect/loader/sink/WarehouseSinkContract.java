package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.beaconRead;
import static org.amiconnect.testsupport.records.TestRecords.meter;
import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink contract, checked against DuckDB and PostgreSQL alike. */
abstract class WarehouseSinkContract {

    private static final String GROUP = "amiconnect-loader.test";
    private static final Instant T0 = Instant.parse("2024-08-01T07:59:00Z");

    private WarehouseSink sink;
    private Warehouse warehouse;
    private final RawTable beacon = RawTable.of(BEACON_READS);

    /** A sink on a new, empty warehouse. */
    abstract WarehouseSink openSink() throws Exception;

    /** A second connection to the same warehouse. */
    abstract Warehouse openReader() throws Exception;

    /** SQL for the epoch microseconds of a timestamp column. */
    abstract String epochMicros(String column);

    /** How the warehouse prints a UTC timestamp cast to text, when the suite should check it. */
    Optional<String> timestampAsText(Instant instant) {
        return Optional.of(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalDateTime().toString()
                .replace('T', ' ') + "+00");
    }

    /** A quoted identifier, for columns whose names are SQL keywords. */
    String q(String identifier) {
        return sink.dialect().quote(identifier);
    }

    @BeforeEach
    void open() throws Exception {
        sink = openSink();
        sink.createTables(List.of(beacon));
        warehouse = openReader();
    }

    @AfterEach
    void close() throws Exception {
        warehouse.close();
        sink.close();
    }

    private Batch batch() {
        return new Batch(GROUP);
    }

    @Test
    void overwritesEveryValueColumnOfAnExistingReadingIncludingWithNulls() throws Exception {
        Batch first = batch();
        first.addReading(meterRead("org", "d1", T0, 100.0));
        sink.writeBatch(first);

        GeneralMeterRead changed = meterRead("org", "d1", T0, 101.5);
        changed.setBattery(null);
        changed.setAccountId(null);
        changed.setEstimated(1);
        Batch second = batch();
        second.addReading(changed);
        BatchResult result = sink.writeBatch(second);

        assertThat(result.readingsUpserted()).isEqualTo(1);
        List<Map<String, Object>> rows = warehouse.rows("SELECT * FROM readings");
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("org_id", "org").containsEntry("device_id", "d1")
                .containsEntry("register_value", 101.5).containsEntry("register_unit", "CF")
                .containsEntry("battery", null).containsEntry("account_id", null)
                .containsEntry("location_id", "loc-d1")
                .containsEntry("connection", "marginal").containsEntry("interval_value", 0.5);
        assertThat(((Number) row.get("estimated")).intValue()).isEqualTo(1);
    }

    @Test
    void overwritesTheReadingsOfABatchWhoseKeysPartlyExistAndStoresTheRestOnce() throws Exception {
        TopicPartition reads = new TopicPartition("ami.meter-reads", 0);
        Batch first = batch();
        first.addReading(meterRead("org", "d1", T0, 1.0));
        first.addReading(meterRead("org", "d2", T0, 2.0));
        first.consumed(reads, 0);
        first.consumed(reads, 1);
        first.countForRun("run-1", "org", reads, 0);
        first.countForRun("run-1", "org", reads, 1);
        sink.writeBatch(first);

        Batch second = batch();
        second.addReading(meterRead("org", "d3", T0, 3.0));
        second.addReading(meterRead("org", "d1", T0, 10.0));
        second.addReading(meterRead("org", "d1", T0.plusSeconds(3600), 11.0));
        second.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        second.consumed(reads, 2);
        second.consumed(reads, 3);
        second.consumed(reads, 4);
        second.countForRun("run-1", "org", reads, 2);
        second.countForRun("run-1", "org", reads, 3);
        second.countForRun("run-1", "org", reads, 4);
        BatchResult result = sink.writeBatch(second);

        assertThat(result.readingsUpserted()).isEqualTo(3);
        assertThat(warehouse.rows("SELECT device_id, register_value FROM readings ORDER BY device_id, flowtime"))
                .containsExactly(Map.of("device_id", "d1", "register_value", 10.0),
                        Map.of("device_id", "d1", "register_value", 11.0),
                        Map.of("device_id", "d2", "register_value", 2.0),
                        Map.of("device_id", "d3", "register_value", 3.0));
        assertThat(warehouse.count("SELECT count(*) FROM meters")).isEqualTo(1);
        assertThat(sink.storedOffsets(GROUP)).isEqualTo(Map.of(reads, 5L));
        assertThat(sink.runLoads(GROUP, List.of("run-1"))).singleElement()
                .satisfies(l -> assertThat(l.records()).isEqualTo(5));
    }

    @Test
    void keepsOneRowPerKeyWhenBatchesOfNewAndOfExistingReadingsAlternate() throws Exception {
        // more batches than a sink that appends new rows merges in a row after finding an existing key
        int batches = 2 * JdbcWarehouseSink.MERGES_AFTER_KEY_CONFLICT + 4;
        for (int i = 0; i < batches; i++) {
            Batch b = batch();
            // odd batches overwrite the readings of the batch before, even ones add new hours
            int hour = i % 2 == 0 ? i : i - 1;
            b.addReading(meterRead("org", "d1", T0.plusSeconds(3600L * hour), (double) i));
            b.addReading(meterRead("org", "d2", T0.plusSeconds(3600L * hour), (double) i));
            sink.writeBatch(b);
        }

        assertThat(warehouse.count("SELECT count(*) FROM readings")).isEqualTo(batches);
        // hour h was written last by batch h + 1
        assertThat(warehouse.count("SELECT count(*) FROM readings WHERE register_value = ("
                + epochMicros("flowtime") + " - " + Micros.of(T0) + ") / 3600000000 + 1")).isEqualTo(batches);
    }

    @Test
    void keepsInstantsExactToTheMicrosecond() throws Exception {
        Instant micro = Instant.parse("2024-03-10T10:00:00.123456Z");
        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 1.0));
        b.addReading(meterRead("org", "d2", micro, 2.0));
        sink.writeBatch(b);

        List<Map<String, Object>> rows = warehouse.rows(
                "SELECT device_id, flowtime, " + epochMicros("flowtime") + " AS us, " + epochMicros("install_date")
                        + " AS install_us"
                        + " FROM readings ORDER BY device_id");
        assertThat(rows).hasSize(2);
        assertThat(((OffsetDateTime) rows.get(0).get("flowtime")).toInstant()).isEqualTo(T0);
        assertThat(rows.get(0).get("us")).isEqualTo(Micros.of(T0));
        assertThat(((OffsetDateTime) rows.get(1).get("flowtime")).toInstant()).isEqualTo(micro);
        assertThat(rows.get(1).get("us")).isEqualTo(1_710_064_800_123_456L);
        assertThat(rows.get(1).get("install_us")).isEqualTo(Micros.of(Instant.parse("2020-03-04T05:06:07.000008Z")));
        if (timestampAsText(T0).isPresent()) {
            assertThat(warehouse.rows("SELECT CAST(flowtime AS VARCHAR) AS text FROM readings WHERE device_id = 'd1'"))
                    .containsExactly(Map.of("text", "2024-08-01 07:59:00+00"));
        }
    }

    @Test
    void collapsesDuplicateReadingsOfOneBatchKeepingTheLast() throws Exception {
        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 1.0));
        b.addReading(meterRead("org", "d1", T0.plusSeconds(3600), 2.0));
        b.addReading(meterRead("org", "d1", T0, 3.0));
        BatchResult result = sink.writeBatch(b);

        assertThat(result.readingsUpserted()).isEqualTo(2);
        assertThat(warehouse.rows("SELECT register_value FROM readings ORDER BY flowtime"))
                .containsExactly(Map.of("register_value", 3.0), Map.of("register_value", 2.0));
    }

    @Test
    void insertsOneCurrentRowForANewMeter() throws Exception {
        Instant ts = Instant.parse("2024-08-02T12:00:00.123Z");
        Batch b = batch();
        b.addMeter(meter("org", "d1", "1 MAIN ST"), ts);
        BatchResult result = sink.writeBatch(b);

        assertThat(result.metersInserted()).isEqualTo(1);
        assertThat(result.metersClosed()).isZero();
        List<Map<String, Object>> rows = warehouse.rows("SELECT * FROM meters");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("location_address", "1 MAIN ST").containsEntry("meter_id", "m-d1")
                .containsEntry("meter_size", "0.625").containsEntry("multiplier", null)
                .containsEntry("row_active_from", OffsetDateTime.ofInstant(ts, ZoneOffset.UTC))
                .containsEntry("row_active_until", null)
                .containsEntry("meter_install_date", OffsetDateTime.parse("2019-01-02T03:04:05Z"));
    }

    @Test
    void addsNoRowForAnUnchangedMeter() throws Exception {
        Batch first = batch();
        first.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        sink.writeBatch(first);
        Batch second = batch();
        second.addMeter(meter("org", "d1", "1 MAIN ST"), T0.plusSeconds(86_400));
        BatchResult result = sink.writeBatch(second);

        assertThat(result.metersInserted()).isZero();
        assertThat(result.metersClosed()).isZero();
        assertThat(warehouse.rows("SELECT row_active_from, row_active_until FROM meters"))
                .containsExactly(row("row_active_from", utc(T0), "row_active_until", null));
    }

    @Test
    void closesTheCurrentRowWhenTheAddressChanges() throws Exception {
        Instant moved = T0.plusSeconds(86_400);
        Batch first = batch();
        first.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        first.addMeter(meter("org", "d2", "2 MAIN ST"), T0);
        sink.writeBatch(first);
        Batch second = batch();
        second.addMeter(meter("org", "d1", "9 ELM ST"), moved);
        second.addMeter(meter("org", "d2", "2 MAIN ST"), moved);
        BatchResult result = sink.writeBatch(second);

        assertThat(result.metersClosed()).isEqualTo(1);
        assertThat(result.metersInserted()).isEqualTo(1);
        List<Map<String, Object>> d1 = warehouse.rows("SELECT location_address, row_active_from, row_active_until"
                + " FROM meters WHERE device_id = 'd1' ORDER BY row_active_from");
        assertThat(d1).hasSize(2);
        assertThat(d1.get(0)).containsEntry("location_address", "1 MAIN ST")
                .containsEntry("row_active_from", utc(T0)).containsEntry("row_active_until", utc(moved));
        assertThat(d1.get(1)).containsEntry("location_address", "9 ELM ST")
                .containsEntry("row_active_from", utc(moved)).containsEntry("row_active_until", null);
        assertThat(warehouse.count("SELECT count(*) FROM meters WHERE device_id = 'd2'")).isEqualTo(1);
    }

    @Test
    void ignoresAReplayedOlderVersionOfAMeter() throws Exception {
        Instant moved = T0.plusSeconds(86_400);
        Batch first = batch();
        first.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        sink.writeBatch(first);
        Batch second = batch();
        second.addMeter(meter("org", "d1", "9 ELM ST"), moved);
        sink.writeBatch(second);
        List<Map<String, Object>> before = warehouse.rows("SELECT * FROM meters ORDER BY row_active_from");

        Batch replay = batch();
        replay.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        BatchResult result = sink.writeBatch(replay);
        Batch replaySecond = batch();
        replaySecond.addMeter(meter("org", "d1", "9 ELM ST"), moved);
        BatchResult resultSecond = sink.writeBatch(replaySecond);

        assertThat(result.metersInserted() + result.metersClosed()).isZero();
        assertThat(resultSecond.metersInserted() + resultSecond.metersClosed()).isZero();
        assertThat(warehouse.rows("SELECT * FROM meters ORDER BY row_active_from")).isEqualTo(before);
    }

    @Test
    void keepsTheLatestVersionOfAMeterWithinABatch() throws Exception {
        Instant later = T0.plusSeconds(60);
        Batch b = batch();
        b.addMeter(meter("org", "d1", "LATEST"), later);
        b.addMeter(meter("org", "d1", "OLDER"), T0);
        sink.writeBatch(b);

        assertThat(warehouse.rows("SELECT location_address, row_active_from FROM meters"))
                .containsExactly(Map.of("location_address", "LATEST", "row_active_from", utc(later)));
    }

    @Test
    void keepsTheExchangedMeterCurrentWhenAnOlderWindowIsPulledAgain() throws Exception {
        // today's window says M-NEW; the 14-days-lagged re-pull, arriving later, still says M-OLD
        Instant today = Instant.parse("2024-08-15T19:00:00Z");
        Instant twoWeeksAgo = today.minusSeconds(14 * 86_400);
        Batch first = batch();
        first.addMeter(MeterVersion.of(meterWithId("M-NEW", today), today.plusSeconds(3_600), 0, 5));
        sink.writeBatch(first);
        Batch repull = batch();
        repull.addMeter(MeterVersion.of(meterWithId("M-OLD", twoWeeksAgo), today.plusSeconds(7_200), 0, 9));
        BatchResult result = sink.writeBatch(repull);

        assertThat(result.metersClosed()).isZero();
        assertThat(warehouse.rows("SELECT meter_id FROM meters WHERE row_active_until IS NULL"))
                .containsExactly(Map.of("meter_id", "M-NEW"));
        assertThat(warehouse.rows("SELECT meter_id, row_active_from, row_active_until FROM meters"
                + " ORDER BY row_active_from")).containsExactly(
                        row("meter_id", "M-OLD", "row_active_from", utc(twoWeeksAgo), "row_active_until", utc(today)),
                        row("meter_id", "M-NEW", "row_active_from", utc(today), "row_active_until", null));

        Batch again = batch();
        again.addMeter(MeterVersion.of(meterWithId("M-OLD", twoWeeksAgo), today.plusSeconds(9_000), 0, 12));
        BatchResult replayed = sink.writeBatch(again);
        assertThat(replayed.metersInserted() + replayed.metersClosed()).as("the same history again").isZero();
        assertThat(warehouse.count("SELECT count(*) FROM meters")).isEqualTo(2);
    }

    @Test
    void insertsALateVersionBetweenTwoHistoryRowsWithoutOverlap() throws Exception {
        Instant t1 = Instant.parse("2024-08-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(2 * 86_400);
        Instant t3 = t1.plusSeconds(4 * 86_400);
        Batch first = batch();
        first.addMeter(MeterVersion.of(meterWithId("A", t1), t1, 0, 1));
        sink.writeBatch(first);
        Batch second = batch();
        second.addMeter(MeterVersion.of(meterWithId("C", t3), t3, 0, 2));
        sink.writeBatch(second);
        Batch late = batch();
        late.addMeter(MeterVersion.of(meterWithId("B", t2), t3.plusSeconds(60), 0, 3));
        sink.writeBatch(late);

        assertThat(warehouse.rows("SELECT meter_id, row_active_from, row_active_until FROM meters"
                + " ORDER BY row_active_from")).containsExactly(
                        row("meter_id", "A", "row_active_from", utc(t1), "row_active_until", utc(t2)),
                        row("meter_id", "B", "row_active_from", utc(t2), "row_active_until", utc(t3)),
                        row("meter_id", "C", "row_active_from", utc(t3), "row_active_until", null));
    }

    @Test
    void theLaterRecordWinsWhenTwoVersionsShareTheirTimestampAcrossBatches() throws Exception {
        // adjacent rows of one report: the same Kafka timestamp, no observation time, consecutive offsets
        Instant ts = Instant.parse("2024-08-02T12:00:00.123Z");
        Batch first = batch();
        first.addMeter(MeterVersion.of(meter("org", "d1", "1 MAIN ST"), ts, 1, 40));
        sink.writeBatch(first);
        Batch second = batch();
        second.addMeter(MeterVersion.of(meter("org", "d1", "9 ELM ST"), ts, 1, 41));
        BatchResult result = sink.writeBatch(second);

        assertThat(result.metersClosed()).isEqualTo(1);
        assertThat(warehouse.rows("SELECT location_address FROM meters WHERE row_active_until IS NULL"))
                .containsExactly(Map.of("location_address", "9 ELM ST"));
        assertThat(warehouse.count("SELECT count(*) FROM meters")).isEqualTo(2);

        Batch replay = batch();
        replay.addMeter(MeterVersion.of(meter("org", "d1", "1 MAIN ST"), ts, 1, 40));
        sink.writeBatch(replay);
        assertThat(warehouse.rows("SELECT location_address FROM meters WHERE row_active_until IS NULL"))
                .as("a replayed earlier record changes nothing").containsExactly(Map.of("location_address", "9 ELM ST"));
        assertThat(warehouse.count("SELECT count(*) FROM meters")).isEqualTo(2);
    }

    private static org.amiconnect.schemas.model.GeneralMeter meterWithId(String meterId, Instant observedAt) {
        org.amiconnect.schemas.model.GeneralMeter m = meter("org", "ep-1", "1 MAIN ST");
        m.setMeterId(meterId);
        m.setObservedAt(observedAt);
        return m;
    }

    @Test
    void upsertsRawRowsByOrgAndUniqueKey() throws Exception {
        Batch first = batch();
        first.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 1));
        first.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 01:59", "227.7", 2));
        first.addRaw(beacon, beaconRead("other", "130615549", "2024-08-01 00:59", "999", 1));
        first.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 01:59", "227.8", 3));
        BatchResult result = sink.writeBatch(first);
        assertThat(result.rawRowsUpserted()).containsEntry("beacon_360_base", 3L);

        Batch second = batch();
        second.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "300.0", 7));
        sink.writeBatch(second);

        List<Map<String, Object>> rows = warehouse.rows("SELECT org_id, device_id, read_time, " + q("read") + ", endpoint_sn,"
                + " location_longitude, location_latitude, run_id, extracted_at, source, source_record, created_time"
                + " FROM beacon_360_base ORDER BY org_id, read_time");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("org_id", "org").containsEntry("device_id", "130615549")
                .containsEntry("read_time", "2024-08-01 00:59").containsEntry("read", "300.0")
                .containsEntry("endpoint_sn", "130615549").containsEntry("location_longitude", "")
                .containsEntry("location_latitude", null).containsEntry("run_id", "run-1")
                .containsEntry("extracted_at", OffsetDateTime.parse("2024-08-02T12:00:00.000001Z"))
                .containsEntry("source", "report-1.csv").containsEntry("source_record", 7L);
        assertThat(rows.get(0).get("created_time")).isEqualTo(utc(second.loadTime()));
        assertThat(rows.get(1)).containsEntry("read_time", "2024-08-01 01:59").containsEntry("read", "227.8")
                .containsEntry("source_record", 3L);
        assertThat(rows.get(2)).containsEntry("org_id", "other").containsEntry("read", "999");
    }

    @Test
    void matchesRawRowsWithAnEmptyKeyFieldNullSafely() throws Exception {
        for (int i = 0; i < 2; i++) {
            Batch b = batch();
            b.addRaw(beacon, beaconRead("org", "130615549", null, "1." + i, 1));
            sink.writeBatch(b);
        }
        assertThat(warehouse.rows("SELECT read_time, " + q("read") + " FROM beacon_360_base"))
                .containsExactly(row("read_time", null, "read", "1.1"));
    }

    @Test
    void replacesOnlyTheRawRowsOfTheKeysStagedWhetherABatchHasEmptyKeyFieldsOrNot() throws Exception {
        Batch first = batch();
        first.addRaw(beacon, beaconRead("org", "130615549", null, "1.0", 1));
        first.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "2.0", 2));
        sink.writeBatch(first);
        // no empty key field in this batch: the row with the empty read time must stay as it is
        Batch filled = batch();
        filled.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "2.1", 3));
        sink.writeBatch(filled);
        Batch empty = batch();
        empty.addRaw(beacon, beaconRead("org", "130615549", null, "1.1", 4));
        sink.writeBatch(empty);

        assertThat(warehouse.rows("SELECT read_time, " + q("read") + " FROM beacon_360_base ORDER BY " + q("read")))
                .containsExactly(row("read_time", null, "read", "1.1"),
                        row("read_time", "2024-08-01 00:59", "read", "2.1"));
    }

    @Test
    void keepsBothReadsOfTheFallBackHourInTheRawTable() throws Exception {
        Batch b = batch();
        fallBackPair().forEach(r -> b.addRaw(beacon, r));
        sink.writeBatch(b);
        Batch again = batch();
        again.addRaw(beacon, fallBackPair().get(1));
        sink.writeBatch(again);

        assertThat(warehouse.rows("SELECT " + q("read") + ", local_time_offsets FROM beacon_360_base ORDER BY "
                + q("read"))).containsExactly(
                        Map.of("read", "227.6", "local_time_offsets", "{\"Read_Time\":-25200}"),
                        Map.of("read", "227.7", "local_time_offsets", "{\"Read_Time\":-28800}"));
    }

    @Test
    void keepsTheExtraColumnsOfARawRecordAsJson() throws Exception {
        var read = beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 1);
        read.getExtract().setExtraColumns(Map.of("Zone", "north", "Alarm_Code", "7"));
        Batch b = batch();
        b.addRaw(beacon, read);
        sink.writeBatch(b);

        assertThat(warehouse.rows("SELECT extra_columns FROM beacon_360_base"))
                .containsExactly(Map.of("extra_columns", "{\"Alarm_Code\":\"7\",\"Zone\":\"north\"}"));
    }

    @Test
    void storesOffsetsInTheBatchTransaction() throws Exception {
        TopicPartition reads = new TopicPartition("ami.meter-reads", 2);
        TopicPartition meters = new TopicPartition("ami.meters", 0);
        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 1.0));
        b.consumed(reads, 41);
        b.consumed(reads, 42);
        b.consumed(meters, 7);
        sink.writeBatch(b);
        assertThat(sink.storedOffsets(GROUP)).isEqualTo(Map.of(reads, 43L, meters, 8L));
        assertThat(sink.storedOffsets("another-group")).isEmpty();

        Batch next = batch();
        next.consumed(reads, 43);
        sink.writeBatch(next);
        assertThat(sink.storedOffsets(GROUP)).isEqualTo(Map.of(reads, 44L, meters, 8L));
        assertThat(warehouse.count("SELECT count(*) FROM ami_consumer_offsets")).isEqualTo(2);
    }

    @Test
    void storesNothingOfABatchThatFails() throws Exception {
        TopicPartition reads = new TopicPartition("ami.meter-reads", 0);
        warehouse.execute("DROP TABLE beacon_360_base");
        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 1.0));
        b.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        b.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 1));
        b.consumed(reads, 10);
        b.countForRun("run-1", "org", reads, 10);

        assertThatThrownBy(() -> sink.writeBatch(b)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("upsert raw table beacon_360_base");
        assertNothingOfRun1Stored();

        sink.createTables(List.of(beacon));
        sink.writeBatch(b);
        assertThat(warehouse.count("SELECT count(*) FROM readings")).isEqualTo(1);
        assertThat(sink.storedOffsets(GROUP)).isEqualTo(Map.of(reads, 11L));
    }

    @Test
    void leavesNothingOfABatchStoppedJustBeforeItsCommit() throws Exception {
        TopicPartition reads = new TopicPartition("ami.meter-reads", 0);
        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 1.0));
        b.addMeter(meter("org", "d1", "1 MAIN ST"), T0);
        b.consumed(reads, 0);
        b.countForRun("run-1", "org", reads, 0);
        JdbcWarehouseSink jdbc = (JdbcWarehouseSink) sink;
        jdbc.beforeCommit(() -> {
            throw new IllegalStateException("stopped before the commit");
        });

        assertThatThrownBy(() -> sink.writeBatch(b)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("(commit): stopped before the commit");
        jdbc.beforeCommit(() -> { });
        assertNothingOfRun1Stored();

        sink.writeBatch(b);
        assertThat(warehouse.count("SELECT count(*) FROM readings")).isEqualTo(1);
        assertThat(sink.storedOffsets(GROUP)).isEqualTo(Map.of(reads, 1L));
    }

    /** A failed batch of run-1 left no readings, meters, offsets or run progress behind. */
    private void assertNothingOfRun1Stored() throws SQLException {
        assertThat(warehouse.count("SELECT count(*) FROM readings")).isZero();
        assertThat(warehouse.count("SELECT count(*) FROM meters")).isZero();
        assertThat(sink.storedOffsets(GROUP)).isEmpty();
        assertThat(sink.runLoads(GROUP, List.of("run-1"))).isEmpty();
    }

    @Test
    void storesWhatEachBatchLoadedOfEachExtractRun() throws Exception {
        TopicPartition raw0 = new TopicPartition("ami.raw.beacon360.meter-read", 0);
        TopicPartition raw1 = new TopicPartition("ami.raw.beacon360.meter-read", 1);
        TopicPartition reads = new TopicPartition("ami.meter-reads", 2);
        Batch first = batch();
        first.countForRun("run-1", "org", raw0, 10);
        first.countForRun("run-1", "org", raw0, 12);
        first.countForRun("run-1", "org", raw1, 3);
        first.countForRun("run-2", "other", raw1, 4);
        sink.writeBatch(first);
        Batch second = batch();
        second.countForRun("run-1", "org", raw0, 15);
        second.countForRun("run-1", "org", reads, 100);
        sink.writeBatch(second);
        Batch otherGroup = new Batch("amiconnect-loader.elsewhere");
        otherGroup.countForRun("run-1", "org", raw0, 99);
        sink.writeBatch(otherGroup);

        assertThat(sink.runLoads(GROUP, List.of("run-1", "run-3"))).containsExactlyInAnyOrder(
                new RunLoad("run-1", "org", raw0, 3, 15),
                new RunLoad("run-1", "org", raw1, 1, 3),
                new RunLoad("run-1", "org", reads, 1, 100));
        assertThat(sink.runLoads(GROUP, List.of("run-2"))).containsExactly(new RunLoad("run-2", "other", raw1, 1, 4));
        assertThat(sink.runLoads(GROUP, List.of())).isEmpty();
    }

    @Test
    void countsTheRecordsOfAReplayedRunOnce() throws Exception {
        TopicPartition raw0 = new TopicPartition("ami.raw.beacon360.meter-read", 0);
        Batch first = batch();
        for (long offset = 0; offset < 10; offset++) {
            first.countForRun("run-1", "org", raw0, offset);
        }
        sink.writeBatch(first);
        List<RunLoad> before = sink.runLoads(GROUP, List.of("run-1"));

        // replay offsets rewound the loader: offsets 4..9 are read again, in batches cut elsewhere, then 10 and 11 are new
        Batch again = batch();
        for (long offset = 4; offset < 8; offset++) {
            again.countForRun("run-1", "org", raw0, offset);
        }
        sink.writeBatch(again);
        assertThat(sink.runLoads(GROUP, List.of("run-1"))).as("counts unchanged").isEqualTo(before);
        Batch rest = batch();
        for (long offset = 8; offset < 12; offset++) {
            rest.countForRun("run-1", "org", raw0, offset);
        }
        sink.writeBatch(rest);

        assertThat(sink.runLoads(GROUP, List.of("run-1"))).containsExactly(new RunLoad("run-1", "org", raw0, 12, 11));
    }

    @Test
    void recordsAPublishedLoadEventOnce() throws Exception {
        Instant at = Instant.parse("2024-08-02T06:00:00.123456Z");
        sink.loadEventPublished(GROUP, "run-1", at);
        sink.loadEventPublished(GROUP, "run-1", at.plusSeconds(60));
        sink.loadEventPublished(GROUP, "run-2", at);
        sink.loadEventPublished("amiconnect-loader.elsewhere", "run-3", at);

        assertThat(sink.loadEventsPublished(GROUP)).containsExactlyInAnyOrder("run-1", "run-2");
        assertThat(warehouse.rows("SELECT published_at FROM ami_load_events WHERE run_id = 'run-1'"))
                .containsExactly(Map.of("published_at", utc(at)));
    }

    @Test
    void addsColumnsARawTableLacks() throws Exception {
        warehouse.execute("DROP TABLE beacon_360_base");
        // the table as an older release created it: only the key columns
        TableDef old = beacon.definition();
        List<Column> keyColumns = old.columns().stream().filter(c -> old.key().contains(c.name())).toList();
        for (String sql : sink.dialect().createTable(new TableDef(old.name(), keyColumns, old.key(), true))) {
            warehouse.execute(sql);
        }
        sink.createTables(List.of(beacon));

        List<Map<String, Object>> columns = warehouse.rows("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = '"
                + sink.dialect().catalogName("beacon_360_base") + "'");
        assertThat(columns).hasSize(beacon.definition().columns().size());
        Batch b = batch();
        b.addRaw(beacon, beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 1));
        sink.writeBatch(b);
        assertThat(warehouse.rows("SELECT " + q("read") + ", signal_strength FROM beacon_360_base"))
                .containsExactly(Map.of("read", "227.6", "signal_strength", "marginal"));
    }

    @Test
    void addsTheColumnsAnOlderReleaseDidNotHaveToTheOffsetsAndMetersTables() throws Exception {
        // the tables as the release before created them: no topic ids, no stream positions
        Map<TableDef, List<String>> added = Map.of(WarehouseTables.CONSUMER_OFFSETS, List.of("topic_id"),
                WarehouseTables.METERS, List.of("kafka_partition", "kafka_offset"));
        for (TableDef current : added.keySet()) {
            warehouse.execute("DROP TABLE " + current.name());
            List<Column> older = current.columns().stream()
                    .filter(c -> !added.get(current).contains(c.name())).toList();
            for (String sql : sink.dialect().createTable(new TableDef(current.name(), older, current.key(), false))) {
                warehouse.execute(sql);
            }
        }
        sink.createTables(List.of(beacon));

        TopicPartition reads = new TopicPartition("ami.meter-reads", 0);
        Batch b = batch();
        b.addMeter(MeterVersion.of(meter("org", "d1", "1 MAIN ST"), T0, 0, 7));
        b.consumed(reads, 4);
        b.topicId(reads.topic(), "u4NylhEaRZ2sQk1vJ1mR3w");
        sink.writeBatch(b);

        assertThat(sink.storedPositions(GROUP))
                .isEqualTo(Map.of(reads, new org.amiconnect.core.sink.StoredOffset(5, "u4NylhEaRZ2sQk1vJ1mR3w")));
        assertThat(warehouse.rows("SELECT kafka_partition, kafka_offset FROM meters"))
                .containsExactly(Map.of("kafka_partition", 0, "kafka_offset", 7L));
    }

    @Test
    void writesEachValueToItsColumnAfterAnUpgradeAddedAColumnLast() throws Exception {
        // readings as a release before the battery column created them: the upgrade adds it after connection
        TableDef current = WarehouseTables.READINGS;
        warehouse.execute("DROP TABLE readings");
        List<Column> older = current.columns().stream().filter(c -> !c.name().equals("battery")).toList();
        for (String sql : sink.dialect().createTable(new TableDef(current.name(), older, current.key(), false))) {
            warehouse.execute(sql);
        }
        sink.createTables(List.of(beacon));

        Batch b = batch();
        b.addReading(meterRead("org", "d1", T0, 12.5));
        sink.writeBatch(b);

        List<Map<String, Object>> rows = warehouse.rows("SELECT battery, connection, interval_unit FROM readings");
        assertThat(rows).containsExactly(row("battery", "good", "connection", "marginal", "interval_unit", "CF"));
        assertThat(((Number) warehouse.rows("SELECT estimated FROM readings").get(0).get("estimated")).intValue())
                .isZero();
    }

    /**
     * Two raw reads of one meter at 2024-11-03 01:59 America/Los_Angeles, as the extractor marks them: daylight time
     * (the lower register), then standard time.
     */
    static List<Beacon360MeterRead> fallBackPair() {
        Beacon360MeterRead daylight = beaconRead("org", "130615549", "2024-11-03 01:59", "227.6", 1);
        daylight.getExtract().setLocalTimeOffsets(Map.of("Read_Time", -7 * 3600));
        Beacon360MeterRead standard = beaconRead("org", "130615549", "2024-11-03 01:59", "227.7", 2);
        standard.getExtract().setLocalTimeOffsets(Map.of("Read_Time", -8 * 3600));
        return List.of(daylight, standard);
    }

    /** A row as {@link Warehouse#rows} returns it; unlike Map.of it allows null values. */
    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
