package org.amiconnect.loader.sink;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.beaconRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.junit.jupiter.api.Test;

class RawTableTest {

    private final RawTable table = RawTable.of(BEACON_READS);

    @Test
    void laysOutOrgLoadTimeDerivedColumnsThenFieldsWithTheExtractMetadataFlattened() {
        List<String> columns = table.definition().columnNames();

        assertThat(columns).startsWith("org_id", "created_time", "device_id", "account_id", "battery_level")
                .endsWith("signal_strength", "run_id", "extracted_at", "source", "source_record", "extra_columns",
                        "local_time_offsets")
                .contains("read_time", "read", "endpoint_sn", "location_address_line1")
                .doesNotContain("extract");
        // 2 + 1 derived + 48 vendor columns + 6 from the extract metadata
        assertThat(columns).hasSize(57);
        assertThat(table.definition().key()).containsExactly("org_id", "device_id", "read_time", "local_time_offsets");
        assertThat(table.definition().keyNullable()).isTrue();
    }

    @Test
    void buildsARowFromARawRecord() {
        Instant load = Instant.parse("2024-08-03T00:00:00Z");
        Object[] row = table.row(beaconRead("org", "130615549", "2024-08-01 00:59", "227.6", 4), load);
        List<String> columns = table.definition().columnNames();

        assertThat(row[columns.indexOf("org_id")]).isEqualTo("org");
        assertThat(row[columns.indexOf("created_time")]).isEqualTo(Micros.of(load));
        assertThat(row[columns.indexOf("device_id")]).isEqualTo("130615549");
        assertThat(row[columns.indexOf("read")]).isEqualTo("227.6");
        assertThat(row[columns.indexOf("meter_sn")]).isNull();
        assertThat(row[columns.indexOf("extracted_at")]).isEqualTo(Micros.of(Instant.parse("2024-08-02T12:00:00.000001Z")));
        assertThat(row[columns.indexOf("source_record")]).isEqualTo(4L);
        assertThat(table.key(row)).containsExactly("org", "130615549", "2024-08-01 00:59", null);
    }

    @Test
    void rejectsADerivedColumnOfAFieldTheRecordLacks() {
        RawEntity wrong = new RawEntity("beacon360", "meter-read", Beacon360MeterRead.class, "beacon_360_base",
                Map.of("device_id", "Endpoint_Serial"), List.of("device_id"));

        assertThatThrownBy(() -> RawTable.of(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beacon360/meter-read").hasMessageContaining("'Endpoint_Serial'");
    }

    @Test
    void rejectsADerivedColumnThatClashesWithAField() {
        RawEntity clash = new RawEntity("beacon360", "meter-read", Beacon360MeterRead.class, "beacon_360_base",
                Map.of("read_time", "Flow_Time"), List.of("read_time"));

        assertThatThrownBy(() -> RawTable.of(clash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column read_time twice");
    }

    @Test
    void rejectsAUniqueKeyColumnTheTableLacks() {
        RawEntity noSuchKey = new RawEntity("beacon360", "meter-read", Beacon360MeterRead.class, "beacon_360_base",
                Map.of(), List.of("device_id"));

        assertThatThrownBy(() -> RawTable.of(noSuchKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column device_id");
    }
}
