package org.amiconnect.adapters.beacon360;

import static org.amiconnect.adapters.beacon360.Beacon360TestReports.EXTRACTED_AT;
import static org.amiconnect.adapters.beacon360.Beacon360TestReports.ORG;
import static org.amiconnect.adapters.beacon360.Beacon360TestReports.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.vendorfile.MissingColumnsException;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.junit.jupiter.api.Test;

/** Reports as users met them in the field, read and normalized: the right values, not silent loss. */
class Beacon360ReportFaultsTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final String HEADER = "\"Account_ID\",\"Endpoint_SN\",\"Location_Address_Line1\",\"Read_Time\",\"Read\","
            + "\"Read_Unit\",\"Flow\",\"Flow_Unit\",\"Signal_Strength\"\n";

    private final Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);

    @Test
    void reportStartingWithAUtf8ByteOrderMarkKeepsItsAccountIds() throws Exception {
        byte[] report = bytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(HEADER
                + "\"555001\",\"1001\",\"1 Elm St\",\"2026-06-10 00:59\",\"227.6\",\"CCF\",\"5.0\",\"Gallons\",\"good\"\n"
                + "\"555002\",\"1002\",\"2 Elm St\",\"2026-06-10 00:59\",\"100.1\",\"CCF\",\"2.0\",\"Gallons\",\"good\"\n"));

        List<Beacon360MeterRead> records = new ArrayList<>();
        VendorCsv.Result result = read(report, records);

        // the abbreviated report lacks optional columns, but neither Account_ID nor a byte is in question
        assertThat(result.warnings()).noneMatch(w -> w.contains("Account_ID") || w.contains("byte"));
        assertThat(records).extracting(Beacon360MeterRead::getAccountID).containsExactly("555001", "555002");
        List<Normalized> normalized = normalizeAll(records);
        assertThat(normalized).extracting(n -> n.meters().get(0).getAccountId()).containsExactly("555001", "555002");
        assertThat(normalized).extracting(n -> n.reads().get(0).getAccountId()).containsExactly("555001", "555002");
    }

    @Test
    void windows1252ByteInAnAddressIsDecodedAndEveryRowIsARead() throws Exception {
        String before = HEADER
                + "\"555001\",\"1001\",\"12 Main St\",\"2026-06-10 00:59\",\"227.6\",\"CCF\",\"5.0\",\"Gallons\",\"good\"\n"
                + "\"555002\",\"1002\",\"34 Ca";
        byte[] report = bytes(utf8(before), new byte[]{(byte) 0xF1}, utf8("ada Ct\",\"2026-06-10 00:59\",\"100.1\","
                + "\"CCF\",\"2.0\",\"Gallons\",\"good\"\n"
                + "\"555003\",\"1003\",\"56 Oak Ave\",\"2026-06-10 00:59\",\"300.0\",\"CCF\",\"1.0\",\"Gallons\",\"good\"\n"));

        List<Beacon360MeterRead> records = new ArrayList<>();
        VendorCsv.Result result = read(report, records);

        assertThat(records).extracting(Beacon360MeterRead::getLocationAddressLine1)
                .containsExactly("12 Main St", "34 Cañada Ct", "56 Oak Ave");
        List<Normalized> normalized = normalizeAll(records);
        assertThat(normalized).flatExtracting(Normalized::reads).hasSize(3);
        assertThat(normalized.get(1).meters().get(0).getLocationAddress()).isEqualTo("34 Cañada Ct");
        assertThat(result.warnings()).filteredOn(w -> w.contains("byte sequence")).singleElement().asString()
                .contains("beacon360 report 7f3c: 1 byte sequence(s) are not valid UTF-8")
                .contains("row 2, column Location_Address_Line1, byte offset " + utf8(before).length + ": 0xF1 read as 'ñ'");
    }

    @Test
    void reportWithoutReadTimeIsRejectedBeforeAnyRowNamingTheColumnAndTheReport() {
        String report = "\"Endpoint_SN\",\"Read\",\"Read_Unit\",\"Flow\",\"Flow_Unit\"\n\"1001\",\"227.6\",\"CCF\",\"5.0\",\"CF\"\n";
        List<Beacon360MeterRead> records = new ArrayList<>();

        MissingColumnsException e = catchThrowableOfType(MissingColumnsException.class,
                () -> Beacon360RawRecords.read(new StringReader(report), ORG, RUN, EXTRACTED_AT, "beacon360 report 7f3c",
                        records::add));

        assertThat(e).isNotNull();
        assertThat(e.missing()).containsExactly("Read_Time");
        assertThat(e.getMessage()).contains("beacon360 report 7f3c").contains("lacks the required Beacon 360 column(s) Read_Time");
        assertThat(records).isEmpty();
    }

    @Test
    void reportWithoutSignalStrengthHasNullConnectionsAndSaysSo() throws Exception {
        String report = "\"Endpoint_SN\",\"Read_Time\",\"Read\",\"Read_Unit\",\"Flow\",\"Flow_Unit\"\n"
                + "\"1001\",\"2026-06-10 00:59\",\"227.6\",\"CCF\",\"5.0\",\"Gallons\"\n";
        List<Beacon360MeterRead> records = new ArrayList<>();

        VendorCsv.Result result = Beacon360RawRecords.read(new StringReader(report), ORG, RUN, EXTRACTED_AT,
                "beacon360 report 7f3c", null, records::add);

        assertThat(normalizer.normalize(records.get(0)).reads().get(0).getConnection()).isNull();
        assertThat(result.warnings()).singleElement().asString()
                .contains("beacon360 report 7f3c lacks the optional Beacon 360 column(s)").contains("Signal_Strength");
    }

    @Test
    void twoReadsAtTheSameFallBackTimeAreAnHourApartLowerRegisterInDaylightTime() throws Exception {
        // 2024-11-03 01:59 happens twice in Los Angeles; the lower register was read first, in daylight time
        String report = HEADER
                + row("1001", "2024-11-03 00:59", "100.0")
                + row("1001", "2024-11-03 01:59", "100.5")
                + row("1001", "2024-11-03 01:59", "101.0")
                + row("1001", "2024-11-03 02:59", "101.5")
                + row("1002", "2024-11-03 01:59", "50.0")
                + row("1002", "2024-11-03 01:59", "49.0");

        List<Beacon360MeterRead> records = readAcrossRows(report, "2024-11-03T07:00:00Z", "2024-11-04T08:00:00Z");
        List<Instant> flowtimes = normalizeAll(records).stream().map(n -> n.reads().get(0).getFlowtime()).toList();

        assertThat(flowtimes).containsExactly(
                Instant.parse("2024-11-03T07:59:00Z"),
                Instant.parse("2024-11-03T08:59:00Z"), Instant.parse("2024-11-03T09:59:00Z"),
                Instant.parse("2024-11-03T10:59:00Z"),
                // the second device's rows came in the other order: its lower register is still the daylight one
                Instant.parse("2024-11-03T09:59:00Z"), Instant.parse("2024-11-03T08:59:00Z"));
        assertThat(records.get(1).getExtract().getLocalTimeOffsets()).containsEntry("Read_Time", -7 * 3600);
        assertThat(records.get(2).getExtract().getLocalTimeOffsets()).containsEntry("Read_Time", -8 * 3600);
        assertThat(records.get(0).getExtract().getLocalTimeOffsets()).isNull();
    }

    @Test
    void gapTimeLandingOnARealReadIsADeadLetterNamingItsRowSoCountsBalance() throws Exception {
        // 02:30 does not exist on 2026-03-08; moved to 03:30 it is the time of the device's real 03:30 read
        String report = HEADER
                + row("1001", "2026-03-08 01:30", "100.0")
                + row("1001", "2026-03-08 02:30", "100.4")
                + row("1001", "2026-03-08 03:30", "100.5")
                + row("1002", "2026-03-08 02:30", "7.0");

        List<Beacon360MeterRead> records = readAcrossRows(report, "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z");
        int reads = 0;
        List<NormalizationException> deadLetters = new ArrayList<>();
        for (Beacon360MeterRead record : records) {
            try {
                reads += normalizer.normalize(record).reads().size();
            } catch (NormalizationException e) {
                deadLetters.add(e);
            }
        }

        assertThat(records).hasSize(4);
        assertThat(reads + deadLetters.size()).isEqualTo(records.size());
        assertThat(deadLetters).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("Read_Time");
            assertThat(e.getMessage()).contains("beacon360 report 7f3c row 2").contains("Endpoint_SN 1001")
                    .contains("2026-03-08 02:30 does not exist in America/Los_Angeles")
                    .contains("read in row 3");
        });
        // a gap time with no real read at its moved time is still a read, at 03:30 daylight time
        assertThat(normalizer.normalize(records.get(3)).reads().get(0).getFlowtime())
                .isEqualTo(Instant.parse("2026-03-08T10:30:00Z"));
    }

    private static String row(String endpoint, String readTime, String read) {
        return "\"555\",\"" + endpoint + "\",\"1 Elm St\",\"" + readTime + "\",\"" + read
                + "\",\"CCF\",\"0.5\",\"CCF\",\"good\"\n";
    }

    /** Both passes of the extractor over report text, for a window of the given instants. */
    private static List<Beacon360MeterRead> readAcrossRows(String report, String from, String to) {
        ClockChangeResolver readTimes = ClockChangeResolver.around("Read_Time", LOS_ANGELES, Instant.parse(from),
                Instant.parse(to));
        Beacon360RawRecords.observeReadTimes(new StringReader(report), "beacon360 report 7f3c", readTimes);
        List<Beacon360MeterRead> records = new ArrayList<>();
        Beacon360RawRecords.read(new StringReader(report), ORG, RUN, EXTRACTED_AT, "beacon360 report 7f3c", readTimes,
                records::add);
        return records;
    }

    private static VendorCsv.Result read(byte[] report, List<Beacon360MeterRead> into) {
        return Beacon360RawRecords.read(new ByteArrayInputStream(report), TextEncoding.DEFAULT, ORG, RUN, EXTRACTED_AT,
                "beacon360 report 7f3c", null, into::add);
    }

    private List<Normalized> normalizeAll(List<Beacon360MeterRead> records) throws NormalizationException {
        List<Normalized> out = new ArrayList<>();
        for (Beacon360MeterRead r : records) {
            out.add(normalizer.normalize(r));
        }
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
