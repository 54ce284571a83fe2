package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.beaconRead;
import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSinkTest extends WarehouseSinkContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("nested/dir/warehouse.duckdb");
    }

    @Override
    WarehouseSink openSink() {
        return new DuckDbSink(file());
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(file());
    }

    @Override
    String epochMicros(String column) {
        return "epoch_us(" + column + ")";
    }

    @Test
    void createsTheDatabaseFileAndItsDirectories() {
        assertThat(Files.isRegularFile(file())).isTrue();
    }

    @Test
    void printsTheDdlOfEveryTable() {
        String ddl = new DuckDbDialect().ddl(List.of(BEACON_READS));

        assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS \"readings\" (")
                .contains("\"flowtime\" TIMESTAMPTZ NOT NULL")
                .contains("PRIMARY KEY (\"org_id\", \"device_id\", \"flowtime\")")
                .contains("CREATE TABLE IF NOT EXISTS \"meters\" (")
                .contains("\"row_active_until\" TIMESTAMPTZ")
                .contains("CREATE TABLE IF NOT EXISTS \"ami_consumer_offsets\" (")
                .contains("CREATE TABLE IF NOT EXISTS \"beacon_360_base\" (")
                .contains("\"read_time\" VARCHAR")
                .contains("\"source_record\" BIGINT")
                .contains("CREATE UNIQUE INDEX IF NOT EXISTS \"beacon_360_base_key_");
        assertThat(ddl).doesNotContain("\"extract\"");
    }

    private final RawTable beacon = RawTable.of(BEACON_READS);
    private final String keyIndex = new DuckDbDialect().nullSafeKeyIndexName(beacon.definition());

    private Path own() {
        return dir.resolve("own.duckdb");
    }

    private static Batch rawBatch(String device, String readTime, String read) {
        Batch b = new Batch("g");
        b.addRaw(RawTable.of(BEACON_READS), beaconRead("org", device, readTime, read, 1));
        return b;
    }

    @Test
    void indexesTheKeyOfARawTableNullSafelySoThatNewRowsAreAppended() throws Exception {
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of(beacon));
            assertThat(sink.appendsNewRows(beacon.definition())).isTrue();
            sink.writeBatch(rawBatch("d1", null, "1.0"));
            sink.writeBatch(rawBatch("d1", "", "2.0"));
            // the same key as the first batch's: the index rejects the append and the batch is merged
            sink.writeBatch(rawBatch("d1", null, "3.0"));
        }
        try (Warehouse w = new Warehouse(own())) {
            assertThat(w.rows("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'beacon_360_base'"))
                    .containsExactly(Map.of("index_name", keyIndex));
            assertThat(w.rows("SELECT read_time, \"read\" FROM beacon_360_base ORDER BY \"read\""))
                    .containsExactly(row("read_time", "", "read", "2.0"), row("read_time", null, "read", "3.0"));
        }
    }

    @Test
    void replacesTheKeyIndexOfAnOlderReleaseWhoseKeyWasShorter() throws Exception {
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of(beacon));
        }
        try (Warehouse w = new Warehouse(own())) {
            w.execute("DROP INDEX \"" + keyIndex + "\"");
            w.execute("CREATE UNIQUE INDEX beacon_360_base_key_00000000 ON beacon_360_base (org_id, device_id)");
        }
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of(beacon));
            // two reads of one device: the older index would have rejected the second
            sink.writeBatch(rawBatch("d1", "2024-08-01 00:59", "1.0"));
            sink.writeBatch(rawBatch("d1", "2024-08-01 01:59", "2.0"));
        }
        try (Warehouse w = new Warehouse(own())) {
            assertThat(w.rows("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'beacon_360_base'"))
                    .containsExactly(Map.of("index_name", keyIndex));
            assertThat(w.count("SELECT count(*) FROM beacon_360_base")).isEqualTo(2);
        }
    }

    @Test
    void mergesTheRowsOfARawTableThatHoldsTwoRowsOfOneKey() throws Exception {
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of(beacon));
            sink.writeBatch(rawBatch("d1", "2024-08-01 00:59", "1.0"));
        }
        try (Warehouse w = new Warehouse(own())) {
            w.execute("DROP INDEX \"" + keyIndex + "\"");
            w.execute("INSERT INTO beacon_360_base SELECT * FROM beacon_360_base");
        }
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of(beacon));
            assertThat(sink.appendsNewRows(beacon.definition())).isFalse();
            sink.writeBatch(rawBatch("d1", "2024-08-01 00:59", "5.0"));
            sink.writeBatch(rawBatch("d2", "2024-08-01 00:59", "6.0"));
        }
        try (Warehouse w = new Warehouse(own())) {
            assertThat(w.rows("SELECT device_id, \"read\" FROM beacon_360_base ORDER BY device_id"))
                    .containsExactly(row("device_id", "d1", "read", "5.0"), row("device_id", "d2", "read", "6.0"));
        }
    }

    @Test
    void writesEachValueToItsColumnWhenAnUpgradeAddedAColumnLast() throws Exception {
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of());
        }
        try (Warehouse w = new Warehouse(own())) {
            // as a release without "battery" made it; the upgrade adds the column after "connection"
            w.execute("ALTER TABLE readings DROP COLUMN battery");
        }
        Instant t0 = Instant.parse("2024-08-01T07:59:00Z");
        try (DuckDbSink sink = new DuckDbSink(own())) {
            sink.createTables(List.of());
            assertThat(sink.appendsNewRows(WarehouseTables.READINGS)).isFalse();
            Batch b = new Batch("g");
            var read = meterRead("org", "d1", t0, 1.0);
            read.setBattery("good");
            read.setConnection("connected");
            b.addReading(read);
            sink.writeBatch(b);
        }
        try (Warehouse w = new Warehouse(own())) {
            assertThat(w.rows("SELECT battery, connection FROM readings"))
                    .containsExactly(Map.of("battery", "good", "connection", "connected"));
        }
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
