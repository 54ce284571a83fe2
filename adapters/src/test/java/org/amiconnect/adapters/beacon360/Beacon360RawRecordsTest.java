package org.amiconnect.adapters.beacon360;

import static org.amiconnect.adapters.beacon360.Beacon360TestReports.EXTRACTED_AT;
import static org.amiconnect.adapters.beacon360.Beacon360TestReports.FIXTURE;
import static org.amiconnect.adapters.beacon360.Beacon360TestReports.ORG;
import static org.amiconnect.adapters.beacon360.Beacon360TestReports.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class Beacon360RawRecordsTest {

    /** The required columns besides Endpoint_SN, and cells for them, for reports written in tests. */
    private static final String REQUIRED_REST = "\"Read_Time\",\"Read\",\"Read_Unit\",\"Flow\",\"Flow_Unit\"";
    private static final String REQUIRED_REST_CELLS = "\"2024-08-01 00:59\",\"227.6\",\"CCF\",\"5.0\",\"Gallons\"";

    /** The fixture's non-empty cells of row 1 (row 2 differs only in Read_Time and Flow_Time). */
    private static final Map<String, String> FIXTURE_ROW_1 = Map.ofEntries(
            Map.entry("Account_ID", "303022"),
            Map.entry("Battery_Level", "good"),
            Map.entry("Endpoint_Install_Date", "2024-08-01 00:59"),
            Map.entry("Endpoint_SN", "130615549"),
            Map.entry("Estimated_Flag", "0"),
            Map.entry("Flow", "5.0"),
            Map.entry("Flow_Time", "2024-08-01 00:59"),
            Map.entry("Flow_Unit", "Gallons"),
            Map.entry("Location_Address_Line1", "5391 E. MYSTREET"),
            Map.entry("Location_City", "Apple"),
            Map.entry("Location_Country", "US"),
            Map.entry("Location_ID", "303022"),
            Map.entry("Location_State", "CA"),
            Map.entry("Location_ZIP", "93727"),
            Map.entry("Meter_ID", "1470158170"),
            Map.entry("Meter_Manufacturer", "BADGER"),
            Map.entry("Meter_Model", "T-10"),
            Map.entry("Meter_Size", "0.625"),
            Map.entry("Meter_Size_Desc", "5/8\""),
            Map.entry("Meter_Size_Unit", "INCHES"),
            Map.entry("Raw_Read", "022760"),
            Map.entry("Read", "227.6"),
            Map.entry("Read_Time", "2024-08-01 00:59"),
            Map.entry("Read_Unit", "CCF"),
            Map.entry("Signal_Strength", "marginal"));

    @Test
    void parsesPredecessorFixtureIntoTwoRecordsWithExactValues() {
        List<Beacon360MeterRead> records = Beacon360TestReports.fixtureRecords();

        assertThat(records).hasSize(2);
        Beacon360MeterRead first = records.get(0);
        assertThat(first.getAccountID()).isEqualTo("303022");
        assertThat(first.getMeterSizeDesc()).isEqualTo("5/8\""); // written "5/8""" in the file
        assertThat(first.getRead()).isEqualTo("227.6");
        assertThat(first.getReadUnit()).isEqualTo("CCF");
        assertThat(first.getFlow()).isEqualTo("5.0");
        assertThat(first.getFlowUnit()).isEqualTo("Gallons");
        assertThat(first.getReadTime()).isEqualTo("2024-08-01 00:59");
        assertThat(records.get(1).getReadTime()).isEqualTo("2024-08-01 01:59");
        assertThat(records.get(1).getFlowTime()).isEqualTo("2024-08-01 01:59");

        for (int i = 0; i < records.size(); i++) {
            Beacon360MeterRead record = records.get(i);
            for (Schema.Field field : reportFields()) {
                String expected = FIXTURE_ROW_1.getOrDefault(field.name(), "");
                if (i == 1 && (field.name().equals("Read_Time") || field.name().equals("Flow_Time"))) {
                    expected = "2024-08-01 01:59";
                }
                assertThat(record.get(field.pos())).as("row %d %s", i + 1, field.name()).isEqualTo(expected);
            }
        }
    }

    @Test
    void fixtureHeaderIsTheRequestedColumnsWithLongitudeBeforeLatitude() throws IOException {
        List<String> header;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURE)) {
            String firstLine = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            header = Arrays.stream(firstLine.split(",")).map(c -> c.replace("\"", "")).toList();
        }

        assertThat(header).containsExactlyInAnyOrderElementsOf(Beacon360Columns.ALL);
        assertThat(header).isNotEqualTo(Beacon360Columns.ALL);
        assertThat(header.indexOf("Location_Longitude")).isLessThan(header.indexOf("Location_Latitude"));
        assertThat(Beacon360Columns.ALL.indexOf("Location_Latitude"))
                .isLessThan(Beacon360Columns.ALL.indexOf("Location_Longitude"));
    }

    @Test
    void everyRequestedColumnIsAFieldOfTheRawRecord() {
        List<String> fields = reportFields().stream().map(Schema.Field::name).toList();

        assertThat(fields).containsExactlyElementsOf(Beacon360Columns.ALL);
    }

    @Test
    void matchesColumnsByHeaderNameWhateverTheirOrder() {
        String csv = """
                "Location_Longitude","Read","Location_Latitude","Endpoint_SN","Account_ID","Read_Time","Read_Unit","Flow","Flow_Unit"
                "-119.701","227.6","36.745","130615549","303022","2024-08-01 00:59","CCF","5.0","Gallons"
                """;

        Beacon360MeterRead record = Beacon360TestReports.parse(csv, "reordered.csv").get(0);

        assertThat(record.getLocationLongitude()).isEqualTo("-119.701");
        assertThat(record.getLocationLatitude()).isEqualTo("36.745");
        assertThat(record.getRead()).isEqualTo("227.6");
        assertThat(record.getEndpointSN()).isEqualTo("130615549");
        assertThat(record.getAccountID()).isEqualTo("303022");
    }

    @Test
    void optionalColumnMissingFromReportIsNullAndUnknownExtraColumnIsKeptInTheMetadata() {
        String csv = """
                "Endpoint_SN","Vendor_Extra_Column","Read","Read_Unit","Read_Time","Flow","Flow_Unit"
                "130615549","surprise","227.6","CCF","2024-08-01 00:59","5.0","Gallons"
                """;

        Beacon360MeterRead record = Beacon360TestReports.parse(csv, "extra.csv").get(0);

        assertThat(record.getEndpointSN()).isEqualTo("130615549");
        assertThat(record.getRead()).isEqualTo("227.6");
        assertThat(record.getReadUnit()).isEqualTo("CCF");
        assertThat(record.getSignalStrength()).isNull();
        assertThat(record.getAccountID()).isNull();
        // the extra column's value landed in no vendor field, but is kept with the record
        for (Schema.Field field : reportFields()) {
            assertThat(record.get(field.pos())).as(field.name()).isNotEqualTo("surprise");
        }
        assertThat(record.getExtract().getExtraColumns()).containsExactly(Map.entry("Vendor_Extra_Column", "surprise"));
    }

    @Test
    void emptyCellIsEmptyStringWhileMissingColumnIsNull() {
        String csv = """
                "Endpoint_SN","Flow","Flow_Unit","Read","Read_Unit","Read_Time"
                "130615549","","","227.6","CCF","2024-08-01 00:59"
                """;

        Beacon360MeterRead record = Beacon360TestReports.parse(csv, "empty-cell.csv").get(0);

        assertThat(record.getFlow()).isEmpty();
        assertThat(record.getMeterSN()).isNull();
    }

    @Test
    void headerNamesAreMatchedAfterStrippingSurroundingSpaces() {
        String csv = "\" Endpoint_SN \",Read ,Read_Unit,Read_Time,Flow,Flow_Unit\n130615549,227.6,CCF,t,1,CF\n";

        Beacon360MeterRead record = Beacon360TestReports.parse(csv, "spaces.csv").get(0);

        assertThat(record.getEndpointSN()).isEqualTo("130615549");
        assertThat(record.getRead()).isEqualTo("227.6");
    }

    @Test
    void quotedFieldsKeepCommasNewlinesAndDoubledQuotes() {
        String csv = "\"Endpoint_SN\",\"Location_Address_Line1\",\"Location_Name\",\"Meter_Size_Desc\"," + REQUIRED_REST
                + "\n"
                + "\"1\",\"12 Main St, Unit 4\",\"North\nYard\",\"3/4\"\"\"," + REQUIRED_REST_CELLS + "\n"
                + "\"2\",\"9 Elm St\",\"Plain\",\"1\"\"\"," + REQUIRED_REST_CELLS;

        List<Beacon360MeterRead> records = Beacon360TestReports.parse(csv, "quoted.csv");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).getLocationAddressLine1()).isEqualTo("12 Main St, Unit 4");
        assertThat(records.get(0).getLocationName()).isEqualTo("North\nYard");
        assertThat(records.get(0).getMeterSizeDesc()).isEqualTo("3/4\"");
        assertThat(records.get(1).getEndpointSN()).isEqualTo("2");
        // a row spanning two lines is still one data row: numbering counts records, not lines
        assertThat(records.get(1).getExtract().getSourceRecord()).isEqualTo(2L);
    }

    @Test
    void stampsExtractMetadataWithOneBasedRowNumbers() {
        List<Beacon360MeterRead> records = Beacon360TestReports.fixtureRecords();

        for (int i = 0; i < records.size(); i++) {
            ExtractMetadata extract = records.get(i).getExtract();
            assertThat(extract.getOrgId()).isEqualTo(ORG);
            assertThat(extract.getRunId()).isEqualTo(RUN);
            assertThat(extract.getExtractedAt()).isEqualTo(EXTRACTED_AT);
            assertThat(extract.getSource()).isEqualTo(FIXTURE);
            assertThat(extract.getSourceRecord()).isEqualTo(i + 1L);
        }
    }

    @Test
    void returnsRowCountAndHandsRecordsOverInFileOrder() {
        String csv = "\"Endpoint_SN\"," + REQUIRED_REST + "\n\"a\"," + REQUIRED_REST_CELLS + "\n\"b\","
                + REQUIRED_REST_CELLS + "\n\n\"c\"," + REQUIRED_REST_CELLS + "\n";
        List<String> seen = new ArrayList<>();

        long rows = Beacon360RawRecords.read(new StringReader(csv), ORG, RUN, EXTRACTED_AT, "three.csv",
                r -> seen.add(r.getEndpointSN()));

        assertThat(rows).isEqualTo(3);
        assertThat(seen).containsExactly("a", "b", "c");
    }

    @Test
    void reportWithOnlyAHeaderHasNoRows() {
        List<Beacon360MeterRead> records = Beacon360TestReports.parse(
                String.join(",", Beacon360Columns.ALL) + "\n", "header-only.csv");

        assertThat(records).isEmpty();
    }

    @Test
    void malformedCsvIsRejectedNamingTheReport() {
        String csv = "\"Endpoint_SN\"," + REQUIRED_REST + "\n\"130615549\"," + REQUIRED_REST_CELLS.replace("\"Gallons\"", "\"Gallons");

        assertThatThrownBy(() -> Beacon360TestReports.parse(csv, "beacon360 report 7f3c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beacon360 report 7f3c")
                .hasMessageContaining("not valid CSV");
    }

    @Test
    void textAfterClosingQuoteIsRejectedNamingTheReport() {
        String csv = "\"Endpoint_SN\"," + REQUIRED_REST + "\n\"130615549\"x," + REQUIRED_REST_CELLS + "\n";

        assertThatThrownBy(() -> Beacon360TestReports.parse(csv, "beacon360 report 9a1e"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beacon360 report 9a1e");
    }

    @Test
    void readFailureMidReportIsUncheckedNamingTheReport() {
        Reader failing = new Reader() {
            private final Reader header = new StringReader("\"Endpoint_SN\"," + REQUIRED_REST + "\n\"1\","
                    + REQUIRED_REST_CELLS + "\n");

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = header.read(buffer, offset, length);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> Beacon360RawRecords.read(failing, ORG, RUN, EXTRACTED_AT, "beacon360 report c0de",
                r -> { }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("beacon360 report c0de")
                .hasMessageContaining("connection reset");
    }

    @Test
    void exceptionOfTheConsumerPropagatesUnchanged() {
        IllegalStateException sinkClosed = new IllegalStateException("sink is closed");

        assertThatThrownBy(() -> Beacon360RawRecords.read(new StringReader("\"Endpoint_SN\"," + REQUIRED_REST + "\n\"1\","
                + REQUIRED_REST_CELLS + "\n"), ORG, RUN,
                EXTRACTED_AT, "ok.csv", r -> {
                    throw sinkClosed;
                }))
                .isSameAs(sinkClosed);
    }

    private static List<Schema.Field> reportFields() {
        Set<String> metadata = Set.of("extract");
        return Beacon360MeterRead.getClassSchema().getFields().stream()
                .filter(f -> !metadata.contains(f.name()))
                .toList();
    }
}
