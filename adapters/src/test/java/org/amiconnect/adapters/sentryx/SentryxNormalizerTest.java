package org.amiconnect.adapters.sentryx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.junit.jupiter.api.Test;

/** The predecessor's Sentryx transform cases (§2.4 and its tests), one test per case. */
class SentryxNormalizerTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private final SentryxNormalizer normalizer = new SentryxNormalizer(LOS_ANGELES);

    @Test
    void deviceBecomesAMeterWithItsAccountAndNoLocationOrEndpoint() throws Exception {
        GeneralMeter meter = normalizer.normalize(device()).meters().get(0);

        assertThat(meter.getOrgId()).isEqualTo("org");
        assertThat(meter.getDeviceId()).isEqualTo("654419700");
        assertThat(meter.getMeterId()).isEqualTo("654419700");
        assertThat(meter.getAccountId()).isEqualTo("1");
        assertThat(meter.getLocationId()).isNull();
        assertThat(meter.getEndpointId()).isNull();
        assertThat(meter.getMultiplier()).isNull();
        assertThat(meter.getLocationAddress()).isEqualTo("10 SW MYROAD RD");
        assertThat(meter.getLocationZip()).isEqualTo("10101");
        assertThat(meter.getLocationState()).isNull();
        assertThat(meter.getMeterManufacturer()).isNull();
    }

    @Test
    void meterSizeThreeEighthsWithInchMarkIsMappedToDecimalInches() throws Exception {
        SentryxDevice d = device();
        d.setMeterSize("3/8\"");

        assertThat(normalizer.normalize(d).meters().get(0).getMeterSize()).isEqualTo("0.375");
    }

    @Test
    void unknownMeterSizeIsNull() throws Exception {
        SentryxDevice d = device();
        d.setMeterSize("8in");

        assertThat(normalizer.normalize(d).meters().get(0).getMeterSize()).isNull();
    }

    @Test
    void installDateIsLocalTimeInTheSourcesZone() throws Exception {
        assertThat(normalizer.normalize(device()).meters().get(0).getMeterInstallDate())
                .isEqualTo(Instant.parse("2022-02-09T04:16:41Z"));
    }

    @Test
    void spacePaddedCityIsKeptAsTheVendorWroteIt() throws Exception {
        SentryxDevice d = device();
        d.setCity("Town   ");

        assertThat(normalizer.normalize(d).meters().get(0).getLocationCity()).isEqualTo("Town   ");
    }

    @Test
    void readingInCubicFeetIsARegisterReadAtTheLocalizedTimeStamp() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-07-07T01:00:00", "35828", "CF")).reads().get(0);

        assertThat(read.getDeviceId()).isEqualTo("601133200");
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-07-07T08:00:00Z"));
        assertThat(read.getRegisterValue()).isEqualTo(35828.0);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
        assertThat(read.getIntervalUnit()).isNull();
    }

    @Test
    void winterTimeStampTakesStandardTime() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-01-02T00:00:00", "1", "CF")).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-01-02T08:00:00Z"));
    }

    @Test
    void timeStampWithAnOffsetKeepsIt() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-07-07T01:00:00+00:00", "1", "CF")).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-07-07T01:00:00Z"));
    }

    @Test
    void readingInCcfIsConvertedToCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-07-07T01:00:00", "12.5", "CCF")).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(1250.0);
    }

    @Test
    void readingInKgalIsConvertedToCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-07-07T01:00:00", "5", "KGAL")).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(668.40273);
    }

    @Test
    void readOfADeviceHasNoAccountOfItsOwnSoAnUnlistedDeviceKeepsNone() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-07-07T01:00:00", "1", "CF")).reads().get(0);

        assertThat(read.getAccountId()).isNull();
        assertThat(read.getLocationId()).isNull();
    }

    @Test
    void unknownUnitsIsADeadLetterNamingTheFieldAndDevice() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(point("2024-07-07T01:00:00", "10", "Unknown")));

        assertThat(e.field()).isEqualTo("units");
        assertThat(e.getMessage()).contains("sentryx consumption", "item 3", "org org", "deviceId 601133200", "Unknown");
    }

    @Test
    void emptyUnitsWithAReadingIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(point("2024-07-07T01:00:00", "10", "")));

        assertThat(e.field()).isEqualTo("units");
    }

    @Test
    void emptyReadingIsNoReadAndNoError() throws Exception {
        Normalized n = normalizer.normalize(point("2024-07-07T01:00:00", "", "CF"));

        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isEqualTo(1);
    }

    @Test
    void readingThatIsNotANumberIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(point("2024-07-07T01:00:00", "n/a", "CF")));

        assertThat(e.field()).isEqualTo("reading");
        assertThat(e.getMessage()).contains("'n/a' is not a number");
    }

    @Test
    void timeStampThatIsNotATimeIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(point("yesterday", "1", "CF")));

        assertThat(e.field()).isEqualTo("timeStamp");
    }

    @Test
    void repeatedFallBackTimeTakesTheOffsetTheExtractorResolved() throws Exception {
        SentryxConsumption daylight = point("2024-11-03T01:30:00", "100", "CF");
        daylight.getExtract().setLocalTimeOffsets(Map.of("timeStamp", -7 * 3600));
        SentryxConsumption standard = point("2024-11-03T01:30:00", "101", "CF");

        assertThat(normalizer.normalize(daylight).reads().get(0).getFlowtime())
                .isEqualTo(Instant.parse("2024-11-03T08:30:00Z"));
        assertThat(normalizer.normalize(standard).reads().get(0).getFlowtime())
                .isEqualTo(Instant.parse("2024-11-03T09:30:00Z"));
    }

    @Test
    void springForwardGapTimeIsMovedForward() throws Exception {
        GeneralMeterRead read = normalizer.normalize(point("2024-03-10T02:30:00", "1", "CF")).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-03-10T10:30:00Z"));
    }

    @Test
    void springForwardGapTimeThatCollidesWithARealReadIsADeadLetterWithTheExtractorsReason() {
        SentryxConsumption p = point("2024-03-10T02:30:00", "1", "CF");
        p.getExtract().setFieldProblems(Map.of("timeStamp", "moved forward it is the time of another read"));

        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(p));

        assertThat(e.field()).isEqualTo("timeStamp");
        assertThat(e.getMessage()).contains("another read");
    }

    @Test
    void deviceWithoutDeviceIdIsADeadLetter() {
        SentryxDevice d = device();
        d.setDeviceId(" ");

        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(d));

        assertThat(e.field()).isEqualTo("deviceId");
    }

    private static ExtractMetadata extract(String source, Long position) {
        return ExtractMetadata.newBuilder().setOrgId("org").setRunId("run").setSource(source)
                .setSourceRecord(position).setExtractedAt(Instant.parse("2024-08-01T00:00:00Z")).build();
    }

    /** The predecessor's synthetic device. */
    private static SentryxDevice device() {
        return SentryxDevice.newBuilder().setDeviceId("654419700").setAccountId("1").setDeviceStatus("OK")
                .setServiceStatus("NotRDM").setStreet("10 SW MYROAD RD").setCity("Town").setState(null)
                .setZip("10101").setDescription("Mueller Systems SSR Ext-3/4(CF)-Pit Plastic").setManufacturer(null)
                .setInstallNotes("").setInstallDate("2022-02-08T20:16:41").setMeterSize("3/4\"")
                .setExtract(extract("sentryx devices", 1L)).build();
    }

    private static SentryxConsumption point(String timeStamp, String reading, String units) {
        return SentryxConsumption.newBuilder().setDeviceId("601133200").setUnits(units).setTimeStamp(timeStamp)
                .setReading(reading).setExtract(extract("sentryx consumption 2024-07-06..2024-07-08 device 601133200", 3L))
                .build();
    }

}
