package org.amiconnect.adapters.xylemsensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusMeterReads;
import org.junit.jupiter.api.Test;

/**
 * CMEP lines → raw records → the standard model, one test per edge case of the predecessor's parser and transform
 * (python-ami-connect §2.8, §8) and of the lines it never read.
 */
class XylemSensusNormalizerTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String EXAMPLE = "MEPMD01,19970819,SENDER,SCUST,RECV,RCUST,202406010000,MTR123,OK,W,CF,1.0,60,"
            + "2,202406010100,A,10.5,202406010200,E,11.0";

    private final XylemSensusNormalizer normalizer = new XylemSensusNormalizer(LA);

    @Test
    void theExampleLineIsParsedIntoItsHeaderAndNestedTriples() {
        XylemSensusMeterReads raw = read(EXAMPLE).get(0);

        assertThat(raw.getMeterId()).isEqualTo("MTR123");
        assertThat(raw.getReceiverCustomerId()).isEqualTo("RCUST");
        assertThat(raw.getQuantity()).isEqualTo("2");
        assertThat(raw.getReads()).hasSize(2);
        assertThat(raw.getReads().get(1).getDatetime()).isEqualTo("202406010200");
        assertThat(raw.getReads().get(1).getCode()).isEqualTo("E");
        assertThat(raw.getReads().get(1).getValue()).isEqualTo("11.0");
        assertThat(raw.getLine()).isNull();
        assertThat(raw.getExtract().getSourceRecord()).isEqualTo(1L);
    }

    @Test
    void theExampleBecomesAMeterWithTheReceiverCustomerAsAccountAndTwoIntervalReads() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE).get(0));

        assertThat(n.meters()).singleElement().satisfies(m -> {
            assertThat(m.getDeviceId()).isEqualTo("MTR123");
            assertThat(m.getMeterId()).isEqualTo("MTR123");
            assertThat(m.getAccountId()).isEqualTo("RCUST");
            assertThat(m.getMultiplier()).isEqualTo(1.0);
        });
        assertThat(n.reads()).extracting(GeneralMeterRead::getIntervalValue).containsExactly(10.5, 11.0);
        assertThat(n.reads()).extracting(GeneralMeterRead::getIntervalUnit).containsOnly("CF");
        assertThat(n.reads()).extracting(GeneralMeterRead::getRegisterValue).containsOnlyNulls();
    }

    @Test
    void codeEIsEstimatedAndAnyOtherCodeIsNot() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE).get(0));

        assertThat(n.reads()).extracting(GeneralMeterRead::getEstimated).containsExactly(0, 1);
    }

    @Test
    void naiveTimesAreLocalTimeInTheSourcesZone() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE).get(0));

        // 2024-06-01 01:00 PDT = 08:00Z (the predecessor kept it naive)
        assertThat(n.reads()).extracting(GeneralMeterRead::getFlowtime).containsExactly(
                Instant.parse("2024-06-01T08:00:00Z"), Instant.parse("2024-06-01T09:00:00Z"));
    }

    @Test
    void variableLengthLinesCarryAsManyReadsAsTheirQuantity() throws Exception {
        List<XylemSensusMeterReads> raws = read(
                "MEPMD01,19970819,S,SC,R,A1,202406010000,M1,OK,W,GAL,1.0,60,1,202406010100,A,7.48052\n"
                + "MEPMD01,19970819,S,SC,R,A2,202406010000,M2,OK,W,CCF,1.0,60,3,202406010100,A,1,202406010200,A,2,"
                + "202406010300,A,3\n"
                + "MEPMD01,19970819,S,SC,R,A3,202406010000,M3,OK,W,CF,1.0,60,0\n");

        assertThat(normalizer.normalize(raws.get(0)).reads()).singleElement()
                .satisfies(r -> assertThat(r.getIntervalValue()).isEqualTo(1.0));
        assertThat(normalizer.normalize(raws.get(1)).reads()).extracting(GeneralMeterRead::getIntervalValue)
                .containsExactly(100.0, 200.0, 300.0);
        Normalized none = normalizer.normalize(raws.get(2));
        assertThat(none.meters()).hasSize(1);
        assertThat(none.reads()).isEmpty();
    }

    @Test
    void nonWaterCommodityIsSkipped() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE.replace(",OK,W,", ",OK,E,")).get(0));

        assertThat(n.meters()).isEmpty();
        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isEqualTo(2);
    }

    @Test
    void purposeOtherThanOkIsSkipped() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE.replace(",OK,W,", ",SUMMARY,W,")).get(0));

        assertThat(n.meters()).isEmpty();
        assertThat(n.reads()).isEmpty();
    }

    @Test
    void aLineWithoutMeterIdIsSkipped() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE.replace(",MTR123,", ",,")).get(0));

        assertThat(n.meters()).isEmpty();
    }

    @Test
    void identicalDuplicateLinesGiveIdenticalRecords() throws Exception {
        List<XylemSensusMeterReads> raws = read(EXAMPLE + "\n" + EXAMPLE);

        Normalized a = normalizer.normalize(raws.get(0));
        Normalized b = normalizer.normalize(raws.get(1));
        assertThat(a.meters()).isEqualTo(b.meters());
        assertThat(a.reads()).isEqualTo(b.reads());
    }

    @Test
    void aMalformedLineIsADeadLetterNamingFileAndLineAndTheRestOfTheFileGoesOn() throws Exception {
        List<XylemSensusMeterReads> raws = read(EXAMPLE + "\n"
                + "MEPMD01,19970819,S,SC,R,A2,202406010000,M2,OK,W,CF,1.0,60,3,202406010100,A,1\n"
                + "\n"
                + "GARBAGE LINE\n"
                + EXAMPLE.replace("MTR123", "MTR456"));

        assertThat(raws).hasSize(4);
        assertThatThrownBy(() -> normalizer.normalize(raws.get(1))).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("CMEP_MEPMD01_06012024.csv line 2")
                .hasMessageContaining("quantity 3 announces 3");
        assertThatThrownBy(() -> normalizer.normalize(raws.get(2))).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("line 4").hasMessageContaining("not the record type MEPMD01");
        assertThat(normalizer.normalize(raws.get(3)).meters()).singleElement()
                .satisfies(m -> assertThat(m.getDeviceId()).isEqualTo("MTR456"));
        assertThat(raws.get(3).getExtract().getSourceRecord()).isEqualTo(5L);
    }

    @Test
    void tooFewFieldsIsMalformed() {
        XylemSensusMeterReads raw = read("MEPMD01,19970819,S,SC").get(0);

        assertThat(raw.getLine()).isEqualTo("MEPMD01,19970819,S,SC");
        assertThat(raw.getExtract().getFieldProblems().get("line")).contains("fewer than the 14");
    }

    @Test
    void anEmptyTripleDatetimeIsADeadLetterAsThePredecessorRaised() {
        XylemSensusMeterReads raw = read(EXAMPLE.replace("202406010200,E", ",E")).get(0);

        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("no datetime").hasMessageContaining("meter_id MTR123");
    }

    @Test
    void anUnknownUnitIsADeadLetter() {
        XylemSensusMeterReads raw = read(EXAMPLE.replace(",CF,", ",POUNDS,")).get(0);

        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("units");
    }

    @Test
    void anEmptyValueIsATripleWithoutARead() throws Exception {
        Normalized n = normalizer.normalize(read(EXAMPLE.replace("E,11.0", "E,")).get(0));

        assertThat(n.reads()).hasSize(1);
        assertThat(n.skippedReads()).isEqualTo(1);
    }

    @Test
    void theRepeatedFallBackHourIsDaylightTimeFirstAndStandardTimeSecond() throws Exception {
        // 2024-11-03 01:00 happens twice in Los Angeles: 08:00Z (PDT) then 09:00Z (PST)
        Normalized n = normalizer.normalize(read("MEPMD01,19970819,S,SC,R,A,202411040000,M,OK,W,CF,1.0,60,4,"
                + "202411030000,A,1,202411030100,A,2,202411030100,A,3,202411030200,A,4").get(0));

        assertThat(n.reads()).extracting(GeneralMeterRead::getFlowtime).containsExactly(
                Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-03T08:00:00Z"),
                Instant.parse("2024-11-03T09:00:00Z"), Instant.parse("2024-11-03T10:00:00Z"));
    }

    @Test
    void aSpringForwardGapTimeIsMovedForward() throws Exception {
        // 2024-03-10 02:00 does not exist in Los Angeles: read as 03:00 PDT = 10:00Z
        Normalized n = normalizer.normalize(read("MEPMD01,19970819,S,SC,R,A,202403110000,M,OK,W,CF,1.0,60,2,"
                + "202403100100,A,1,202403100200,A,2").get(0));

        assertThat(n.reads()).extracting(GeneralMeterRead::getFlowtime).containsExactly(
                Instant.parse("2024-03-10T09:00:00Z"), Instant.parse("2024-03-10T10:00:00Z"));
    }

    @Test
    void aGapTimeThatLandsOnAnotherIntervalIsADeadLetter() {
        XylemSensusMeterReads raw = read("MEPMD01,19970819,S,SC,R,A,202403110000,M,OK,W,CF,1.0,60,2,"
                + "202403100200,A,1,202403100300,A,2").get(0);

        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("spring-forward gap");
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(text, 0, all, 3, text.length);
        List<XylemSensusMeterReads> raws = new ArrayList<>();
        XylemSensusLines.read(new ByteArrayInputStream(all), TextEncoding.DEFAULT, "org", "run", Instant.EPOCH,
                "f.csv", raws::add);

        assertThat(raws).singleElement().satisfies(r -> assertThat(r.getLine()).isNull());
    }

    private static List<XylemSensusMeterReads> read(String text) {
        List<XylemSensusMeterReads> raws = new ArrayList<>();
        XylemSensusLines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), TextEncoding.DEFAULT,
                "my_sensus_utility", "run-1", Instant.EPOCH, "CMEP_MEPMD01_06012024.csv", raws::add);
        return raws;
    }
}
