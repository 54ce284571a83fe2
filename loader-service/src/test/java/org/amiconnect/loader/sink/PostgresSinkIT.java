package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.beaconRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink contract against the PostgreSQL server on 127.0.0.1:5432, each test in its own scratch schema. */
class PostgresSinkIT extends WarehouseSinkContract {

    private ScratchSchema schema;

    @Override
    WarehouseSink openSink() throws Exception {
        schema = ScratchSchema.create("loader_it");
        return new PostgresSink(schema.url(), null, null);
    }

    @Override
    Warehouse openReader() throws Exception {
        return new Warehouse(schema.url());
    }

    @Override
    String epochMicros(String column) {
        return "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000000 AS BIGINT)";
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void printsTheDdlWithNullSafeRawKeysAndOneCurrentMeterRow() {
        String ddl = new PostgresDialect().ddl(List.of(BEACON_READS));

        assertThat(ddl).contains("\"register_value\" DOUBLE PRECISION")
                .contains("CONSTRAINT \"beacon_360_base_key\" UNIQUE NULLS NOT DISTINCT (\"org_id\", \"device_id\", \"read_time\", \"local_time_offsets\")")
                .contains("CREATE UNIQUE INDEX IF NOT EXISTS \"meters_current\" ON \"meters\" (\"org_id\", \"device_id\")"
                        + " WHERE \"row_active_until\" IS NULL");
    }

    @Test
    void widensTheKeyOfARawTableAnOlderReleaseCreated() throws Exception {
        RawTable beacon = RawTable.of(BEACON_READS);
        TableDef current = beacon.definition();
        try (WarehouseSink sink = new PostgresSink(schema.url(), null, null); Warehouse w = openReader()) {
            // the table as the release before created it: keyed on org, device and naive read time only
            w.execute("DROP TABLE beacon_360_base");
            List<String> oldKey = current.key().stream().filter(k -> !k.equals(RawTable.LOCAL_TIME_OFFSETS)).toList();
            for (String sql : sink.dialect().createTable(new TableDef(current.name(), current.columns(), oldKey, true))) {
                w.execute(sql);
            }
            sink.createTables(List.of(beacon));

            Batch b = new Batch("g");
            fallBackPair().forEach(r -> b.addRaw(beacon, r));
            sink.writeBatch(b);
            assertThat(w.count("SELECT count(*) FROM beacon_360_base")).isEqualTo(2);
        }
    }

    @Test
    void copiesTextWithQuotesCommasAndLineBreaksAndKeepsAnEmptyStringApartFromNull() throws Exception {
        RawTable beacon = RawTable.of(BEACON_READS);
        try (WarehouseSink sink = new PostgresSink(schema.url(), null, null); Warehouse w = openReader()) {
            sink.createTables(List.of(beacon));
            var read = beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 1);
            read.setLocationCity("Apple, \"North\"\nside \\ é");
            read.setSignalStrength(null);
            Batch b = new Batch("g");
            b.addRaw(beacon, read);
            sink.writeBatch(b);

            List<Map<String, Object>> rows = w.rows("SELECT location_city, location_longitude,"
                    + " signal_strength IS NULL AS signal_null FROM beacon_360_base");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("location_city", "Apple, \"North\"\nside \\ é")
                    .containsEntry("location_longitude", "").containsEntry("signal_null", true);
        }
    }
}
