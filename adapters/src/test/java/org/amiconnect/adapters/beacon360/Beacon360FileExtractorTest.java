package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.testsupport.records.VendorReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beacon 360 files a utility already holds, read through the same path as the API's report: a report downloaded by
 * hand (byte order mark, a Windows-1252 byte) and the Python predecessor's {@code meters_and_reads.json}.
 */
class Beacon360FileExtractorTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "my_utility";

    @TempDir
    Path dir;

    @Test
    void aHandDownloadedReportIsPublishedRowByRowWithItsFileNameAsTheSource() throws Exception {
        Path report = Files.write(dir.resolve("Beacon_Export_2026-06-10.csv"), VendorReports.beacon360HandDownloaded());
        List<Beacon360MeterRead> records = new ArrayList<>();

        ExtractSummary summary = extract(List.of(report), records);

        assertThat(records).extracting(Beacon360MeterRead::getAccountID).containsExactly("555001", "555002", "555003");
        assertThat(records).extracting(Beacon360MeterRead::getLocationAddressLine1)
                .containsExactly("12 Main St", "34 Cañada Ct", "56 Oak Ave");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getExtract().getSource()).isEqualTo("Beacon_Export_2026-06-10.csv");
            assertThat(r.getExtract().getRunId()).isEqualTo("run-file");
            assertThat(r.getExtract().getOrgId()).isEqualTo(ORG);
        });
        assertThat(records).extracting(r -> r.getExtract().getSourceRecord()).containsExactly(1L, 2L, 3L);
        assertThat(summary.sourceRows()).isEqualTo(3);
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("Beacon_Export_2026-06-10.csv",
                "1 byte sequence(s) are not valid UTF-8", "row 2, column Location_Address_Line1"));

        List<GeneralMeterRead> reads = normalize(records);
        // 227.6 CCF = 22,760 CF; 3.5 KGAL = 467.882 CF; 2026-06-10 00:59 PDT = 07:59Z
        assertThat(reads).extracting(GeneralMeterRead::getRegisterValue).containsExactly(22760.0, 10010.0, 467.881911);
        assertThat(reads).extracting(GeneralMeterRead::getFlowtime).containsExactly(
                Instant.parse("2026-06-10T07:59:00Z"), Instant.parse("2026-06-10T07:59:00Z"),
                Instant.parse("2026-06-10T08:59:00Z"));
        assertThat(reads).extracting(GeneralMeterRead::getAccountId).containsExactly("555001", "555002", "555003");
    }

    @Test
    void thePredecessorsMetersAndReadsJsonIsReadLikeAReportAndNamesItsRun() throws Exception {
        Path e = Files.createDirectories(dir.resolve("output/scheduled__2025-09-15T19:25:00+00:00").resolve(ORG).resolve("e"));
        // the predecessor's DataclassJSONEncoder: one object per report row, every column as a string
        String lines = "{\"Account_ID\": \"303022\", \"Battery_Level\": \"good\", \"Endpoint_SN\": \"130615549\", "
                + "\"Flow\": \"5.0\", \"Flow_Time\": \"2024-08-01 00:59\", \"Flow_Unit\": \"Gallons\", "
                + "\"Location_Address_Line1\": \"5391 E. MYSTREET\", \"Meter_ID\": \"1470158170\", \"Read\": \"227.6\", "
                + "\"Read_Time\": \"2024-08-01 00:59\", \"Read_Unit\": \"CCF\", \"Signal_Strength\": \"marginal\", "
                + "\"Current_Leak_Rate\": null}\n"
                + "{\"Account_ID\": \"303023\", \"Battery_Level\": \"good\", \"Endpoint_SN\": \"130615550\", "
                + "\"Flow\": \"1.0\", \"Flow_Time\": \"2024-08-01 01:59\", \"Flow_Unit\": \"Gallons\", "
                + "\"Location_Address_Line1\": \"7 Ñandú Way\", \"Meter_ID\": \"1470158171\", \"Read\": \"10.5\", "
                + "\"Read_Time\": \"2024-08-01 01:59\", \"Read_Unit\": \"KGAL\", \"Signal_Strength\": \"good\", "
                + "\"Current_Leak_Rate\": null}\n";
        Path plain = Files.writeString(e.resolve("meters_and_reads.json"), lines);
        Path gzipped = Files.createDirectories(dir.resolve("s3/intermediate_outputs/manual__2025-09-16").resolve(ORG)
                .resolve("e")).resolve("meters_and_reads.json");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        List<Beacon360MeterRead> records = new ArrayList<>();

        extract(List.of(plain, gzipped), records);

        assertThat(records).hasSize(4);
        assertThat(records).extracting(Beacon360MeterRead::getEndpointSN)
                .containsExactly("130615549", "130615550", "130615549", "130615550");
        assertThat(records).extracting(Beacon360MeterRead::getLocationAddressLine1)
                .containsExactly("5391 E. MYSTREET", "7 Ñandú Way", "5391 E. MYSTREET", "7 Ñandú Way");
        assertThat(records).extracting(r -> r.getExtract().getSource()).containsExactly(
                "scheduled__2025-09-15T19:25:00+00:00/my_utility/e/meters_and_reads.json",
                "scheduled__2025-09-15T19:25:00+00:00/my_utility/e/meters_and_reads.json",
                "manual__2025-09-16/my_utility/e/meters_and_reads.json",
                "manual__2025-09-16/my_utility/e/meters_and_reads.json");
        // as in a report, an empty cell stays empty in the raw record (the normalizer reads it as null)
        assertThat(records.get(0).getCurrentLeakRate()).isEmpty();
        List<GeneralMeterRead> reads = normalize(records.subList(0, 2));
        // 2024-08-01 00:59 PDT = 07:59Z; 227.6 CCF = 22,760 CF; 10.5 KGAL = 1,403.6457 CF
        assertThat(reads).extracting(GeneralMeterRead::getFlowtime).containsExactly(
                Instant.parse("2024-08-01T07:59:00Z"), Instant.parse("2024-08-01T08:59:00Z"));
        assertThat(reads).extracting(GeneralMeterRead::getRegisterValue).containsExactly(22760.0, 1403.6457330);
    }

    @Test
    void aFileWithoutARequiredColumnFailsWithoutRetryingNamingTheFileAndColumn() throws Exception {
        Path report = Files.writeString(dir.resolve("no-read-time.csv"), "Account_ID,Endpoint_SN,Read,Read_Unit,Flow,Flow_Unit\n"
                + "1,2,3,CCF,4,Gallons\n");

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(List.of(report), new ArrayList<>()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("no-read-time.csv", "Read_Time");
    }

    @Test
    void aMissingFileFailsWithoutRetryingNamingIt() {
        Path missing = dir.resolve("not-there.csv");

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(List.of(missing), new ArrayList<>()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("my_utility", "not-there.csv");
    }

    private static ExtractSummary extract(List<Path> files, List<Beacon360MeterRead> into) throws Exception {
        Beacon360Settings settings = new Beacon360Settings(URI.create("https://api.beaconama.net"), Secret.of("u"),
                Secret.of("p"), Duration.ofSeconds(60), 120, 5, Duration.ofSeconds(10), Duration.ofMinutes(10));
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, ORG, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.empty());
        try (Extractor extractor = new Beacon360Adapter().fileExtractor(source, files)) {
            return extractor.extract(new ExtractWindow("run-file", Instant.EPOCH, Instant.EPOCH),
                    (entity, key, record) -> into.add((Beacon360MeterRead) record));
        }
    }

    private static List<GeneralMeterRead> normalize(List<Beacon360MeterRead> records) throws Exception {
        Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);
        List<GeneralMeterRead> reads = new ArrayList<>();
        for (Beacon360MeterRead r : records) {
            Normalized n = normalizer.normalize(r);
            reads.addAll(n.reads());
        }
        return reads;
    }
}
