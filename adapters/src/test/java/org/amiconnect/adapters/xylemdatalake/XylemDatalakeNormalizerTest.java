package org.amiconnect.adapters.xylemdatalake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.function.Consumer;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;
import org.junit.jupiter.api.Test;

/** The predecessor's cases (python-ami-connect §2.6, its test fixture values) and the ones it got wrong. */
class XylemDatalakeNormalizerTest {

    private final XylemDatalakeNormalizer normalizer = new XylemDatalakeNormalizer();

    @Test
    void waterAccountDescribesTheMeterWithSdpIdAsLocationAndRadioIdAsEndpoint() throws Exception {
        GeneralMeter meter = normalizer.normalize(account(a -> { })).meters().get(0);

        assertThat(meter.getOrgId()).isEqualTo("hills");
        assertThat(meter.getDeviceId()).isEqualTo("74931234");
        assertThat(meter.getMeterId()).isEqualTo("74931234");
        assertThat(meter.getAccountId()).isEqualTo("1818");
        assertThat(meter.getLocationId()).isEqualTo("030-100-010");
        assertThat(meter.getEndpointId()).isEqualTo("86577068");
        assertThat(meter.getMeterSize()).isEqualTo("1.5");
        assertThat(meter.getMeterManufacturer()).isEqualTo("SE");
        assertThat(meter.getMultiplier()).isEqualTo(1.0);
        assertThat(meter.getLocationAddress()).isEqualTo("851 IRWIN DR");
        assertThat(meter.getLocationCity()).isEqualTo("HILLSBOROUGH");
        assertThat(meter.getLocationState()).isEqualTo("CA");
        assertThat(meter.getLocationZip()).isEqualTo("94010");
        assertThat(meter.getMeterInstallDate()).isNull();
    }

    @Test
    void nonWaterAccountDescribesNoMeter() throws Exception {
        Normalized out = normalizer.normalize(account(a -> a.setCommodity("ELECTRIC")));

        assertThat(out.meters()).isEmpty();
        assertThat(out.reads()).isEmpty();
    }

    @Test
    void sensusSizeCodeMapsToNoSize() throws Exception {
        GeneralMeter meter = normalizer.normalize(account(a -> a.setMeterSize("402"))).meters().get(0);

        assertThat(meter.getMeterSize()).isNull();
    }

    @Test
    void wholeInchSizeAsSupersetFloatMapsToInches() throws Exception {
        GeneralMeter meter = normalizer.normalize(account(a -> a.setMeterSize("1.0"))).meters().get(0);

        assertThat(meter.getMeterSize()).isEqualTo("1");
    }

    @Test
    void accountWithoutDeviceIdIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(account(a -> a.setDeviceId(null))));

        assertThat(e.getMessage()).contains("device_id is empty").contains("org hills");
    }

    @Test
    void readTimeTimestampIsNaiveUtcNotLocalTime() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval(i -> { })).reads().get(0);

        // the predecessor kept 2026-04-14T08:00:00 naive; it is UTC (01:00 in Hillsborough, the _local column)
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2026-04-14T08:00:00Z"));
    }

    @Test
    void timestampWithASpaceInsteadOfTIsAccepted() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval(i -> i.setReadTimeTimestamp("2026-04-14 08:00:00")))
                .reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2026-04-14T08:00:00Z"));
    }

    @Test
    void localTimestampColumnIsIgnored() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval(i -> i.setReadTimeTimestampLocal("garbage")))
                .reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2026-04-14T08:00:00Z"));
    }

    @Test
    void intervalIsTheIntervalHalfInCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval(i -> { })).reads().get(0);

        assertThat(read.getDeviceId()).isEqualTo("74931234");
        assertThat(read.getIntervalValue()).isEqualTo(3.0);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getRegisterUnit()).isNull();
        assertThat(read.getEstimated()).isNull();
    }

    @Test
    void registerIsTheRegisterHalfInCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(register(r -> { })).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(59727.0);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2026-04-14T08:00:00Z"));
    }

    @Test
    void galIsGallons() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval(i -> {
            i.setUnitOfMeasure("GAL");
            i.setIntervalValue("748.052");
        })).reads().get(0);

        assertThat(read.getIntervalValue()).isCloseTo(100.0, within(1e-6));
    }

    @Test
    void lowerCaseUnitIsAccepted() throws Exception {
        GeneralMeterRead read = normalizer.normalize(register(r -> r.setUnitOfMeasure("ccf"))).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(5972700.0);
    }

    @Test
    void unknownUnitIsADeadLetterNamingTheField() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval(i -> i.setUnitOfMeasure("LITERS"))));

        assertThat(e.field()).isEqualTo("unit_of_measure");
        assertThat(e.getMessage()).contains("LITERS").contains("meter 74931234");
    }

    @Test
    void valueWithoutUnitIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(register(r -> r.setUnitOfMeasure(""))));

        assertThat(e.getMessage()).contains("unit_of_measure is empty").contains("register_value is 59727");
    }

    @Test
    void emptyValueIsASkippedReadNotAnError() throws Exception {
        Normalized out = normalizer.normalize(interval(i -> i.setIntervalValue("")));

        assertThat(out.reads()).isEmpty();
        assertThat(out.skippedReads()).isEqualTo(1);
    }

    @Test
    void valueThatIsNotANumberIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval(i -> i.setIntervalValue("three"))));

        assertThat(e.field()).isEqualTo("interval_value");
    }

    @Test
    void missingTimestampIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval(i -> i.setReadTimeTimestamp(null))));

        assertThat(e.field()).isEqualTo("read_time_timestamp");
    }

    @Test
    void timestampThatIsNotATimeIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(register(r -> r.setReadTimeTimestamp("14/04/2026 8am"))));

        assertThat(e.getMessage()).contains("'14/04/2026 8am' is not a timestamp");
    }

    @Test
    void readWithoutMeterIdIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval(i -> i.setMeterId(" "))));

        assertThat(e.field()).isEqualTo("meter_id");
    }

    @Test
    void readOfAnotherCommodityIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval(i -> i.setCommodity("GAS"))));

        assertThat(e.getMessage()).contains("only WATER");
    }

    @Test
    void readQualityAndFlagLeaveEstimatedUnknown() throws Exception {
        GeneralMeterRead read = normalizer.normalize(register(r -> {
            r.setReadQuality("E");
            r.setFlag("X");
        })).reads().get(0);

        assertThat(read.getEstimated()).isNull();
    }

    private static ExtractMetadata extract(String table) {
        return ExtractMetadata.newBuilder().setOrgId("hills").setRunId("run-1")
                .setExtractedAt(Instant.parse("2026-04-15T00:00:00Z"))
                .setSource("xylem datalake hlsbo sensus_dm_hlsbo." + table).setSourceRecord(1L).build();
    }

    /** The predecessor's fixture account. */
    private static XylemDatalakeAccount account(Consumer<XylemDatalakeAccount> change) {
        XylemDatalakeAccount a = XylemDatalakeAccount.newBuilder().setDeviceId("74931234").setCommodity("WATER")
                .setDeviceType("METER").setRadioId("86577068").setAccountId("1818").setAccountName("TEST CUSTOMER")
                .setAccountRateCode("020").setAccountServiceType("R").setAccountStatus("ACTIVE")
                .setAssetAddress("851 IRWIN DR").setAssetCity("HILLSBOROUGH").setAssetState("CA")
                .setAssetZip("94010").setMeterManufacturer("SE").setMeterSize("1.5").setDisplayMultiplier("1")
                .setSdpId("030-100-010").setRecordActiveFlag("true").setExtract(extract("account")).build();
        change.accept(a);
        return a;
    }

    /** The predecessor's fixture interval. */
    private static XylemDatalakeWaterInterval interval(Consumer<XylemDatalakeWaterInterval> change) {
        XylemDatalakeWaterInterval i = XylemDatalakeWaterInterval.newBuilder().setMeterId("74931234")
                .setRadioId("86577068").setCommodity("WATER").setUnitOfMeasure("CF")
                .setReadTimeTimestamp("2026-04-14T08:00:00").setRniMultiplier("1").setIntervalValue("3")
                .setReadTimeTimestampLocal("2026-04-14T01:00:00").setExtract(extract("water_intervals")).build();
        change.accept(i);
        return i;
    }

    /** The predecessor's fixture register. */
    private static XylemDatalakeWaterRegister register(Consumer<XylemDatalakeWaterRegister> change) {
        XylemDatalakeWaterRegister r = XylemDatalakeWaterRegister.newBuilder().setMeterId("74931234")
                .setRadioId("86577068").setCommodity("WATER").setUnitOfMeasure("CF")
                .setReadTimeTimestamp("2026-04-14T08:00:00").setReadQuality("R").setFlag("")
                .setRniMultiplier("1").setRegisterValue("59727").setReadTimeTimestampLocal("2026-04-14T01:00:00")
                .setExtract(extract("water_registers")).build();
        change.accept(r);
        return r;
    }
}
