package org.amiconnect.adapters.metersense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.metersense.MetersenseAccountService;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseLocation;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterLocationXref;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterView;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;
import org.junit.jupiter.api.Test;

/** The predecessor's Metersense transform cases (python-ami-connect §2.3), one test each. */
class MetersenseNormalizerTest {

    private static final String ORG = "ms_utility";
    private final MetersenseNormalizer normalizer = new MetersenseNormalizer(ZoneId.of("America/Los_Angeles"));

    private static ExtractMetadata extract(String table) {
        return ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-1")
                .setExtractedAt(Instant.parse("2024-01-02T00:00:00Z")).setSource("metersense " + table)
                .setSourceRecord(4L).build();
    }

    private static MetersenseIntervalRead.Builder interval() {
        return MetersenseIntervalRead.newBuilder().setMeterId("MTR001").setChannelId("1")
                .setReadDtm("2024-01-01T01:00:00").setReadValue("0.5").setUom("CCF").setStatus("3")
                .setReadVersion("1").setExtract(extract("INTERVALREADS"));
    }

    private static MetersenseRegisterRead.Builder register() {
        return MetersenseRegisterRead.newBuilder().setMeterId("MTR001").setChannelId("1")
                .setReadDtm("2024-01-01T01:00:00").setReadValue("10.5").setUom("CCF").setStatus("1")
                .setReadVersion("1").setExtract(extract("REGISTERREADS"));
    }

    private static MetersenseMeter.Builder meter() {
        return MetersenseMeter.newBuilder().setMeterId("MTR001").setCommodityTp("W").setMeterTp("W-TRB8")
                .setChannel1Multiplier("0.01").setAddDt("2020-03-04T00:00:00").setExtract(extract("METERS"));
    }

    @Test
    void intervalInCcfBecomesCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval().build()).reads().get(0);

        assertThat(read.getIntervalValue()).isEqualTo(50.0);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getDeviceId()).isEqualTo("MTR001");
    }

    @Test
    void naiveReadDtmIsLocalTimeOfTheSource() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval().build()).reads().get(0);

        // the predecessor's 2024-01-01T01:00:00-08:00
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
    }

    @Test
    void statusThreeIsEstimated() throws Exception {
        assertThat(normalizer.normalize(interval().setStatus("3").build()).reads().get(0).getEstimated()).isEqualTo(1);
    }

    @Test
    void everyOtherStatusIsNotEstimated() throws Exception {
        for (String status : new String[] {"1", "2", "4", "5"}) {
            assertThat(normalizer.normalize(interval().setStatus(status).build()).reads().get(0).getEstimated())
                    .as(status).isZero();
        }
    }

    @Test
    void registerHalfCarriesTheRegisterAndNoEstimatedFlag() throws Exception {
        GeneralMeterRead read = normalizer.normalize(register().setStatus("3").build()).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(1050.0);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
        // the interval half's flag wins when both exist (PR #100): the register half does not overwrite it
        assertThat(read.getEstimated()).isNull();
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
    }

    @Test
    void waterMeterDescribesDeviceSizeMultiplierAndInstallDate() throws Exception {
        GeneralMeter m = normalizer.normalize(meter().build()).meters().get(0);

        assertThat(m.getDeviceId()).isEqualTo("MTR001");
        assertThat(m.getMeterId()).isEqualTo("MTR001");
        assertThat(m.getMeterSize()).isEqualTo("8");
        assertThat(m.getMultiplier()).isEqualTo(0.01);
        assertThat(m.getMeterInstallDate()).isEqualTo(Instant.parse("2020-03-04T08:00:00Z"));
        assertThat(m.getMeterManufacturer()).isNull();
        assertThat(m.getAccountId()).isNull();
    }

    @Test
    void nonWaterMeterDescribesNothing() throws Exception {
        Normalized n = normalizer.normalize(meter().setCommodityTp("E").build());

        assertThat(n.meters()).isEmpty();
        assertThat(n.reads()).isEmpty();
    }

    @Test
    void unmappedMeterTypeLeavesSizeEmpty() throws Exception {
        assertThat(normalizer.normalize(meter().setMeterTp("W-DISC58").build()).meters().get(0).getMeterSize())
                .isNull();
    }

    @Test
    void viewRowGivesTheEndpoint() throws Exception {
        GeneralMeter m = normalizer.normalize(MetersenseMeterView.newBuilder().setMeterId("MTR001")
                .setCommodityTp("W").setCommModuleId("CM-77").setExtract(extract("METERS_VIEW")).build()).meters()
                .get(0);

        assertThat(m.getEndpointId()).isEqualTo("CM-77");
        assertThat(m.getDeviceId()).isEqualTo("MTR001");
    }

    @Test
    void viewRowWithoutCommModuleLeavesEndpointEmpty() throws Exception {
        GeneralMeter m = normalizer.normalize(MetersenseMeterView.newBuilder().setMeterId("MTR001")
                .setCommodityTp("W").setExtract(extract("METERS_VIEW")).build()).meters().get(0);

        assertThat(m.getEndpointId()).isNull();
    }

    @Test
    void historyGivesAccountLocationAndStreetNameFromItsStart() throws Exception {
        Normalized n = normalizer.normalize(MetersenseMeterHistory.newBuilder().setMeterId("MTR001")
                .setValidFrom("2024-01-01T00:00:00").setLocationNo("1001").setAccountId("ACC9")
                .setStreetName("MAIN ST").setCity("ANYTOWN").setState("CA").setPostalCd("90000")
                .setExtract(extract("meter history")).build());

        GeneralMeter m = n.meters().get(0);
        assertThat(m.getAccountId()).isEqualTo("ACC9");
        assertThat(m.getLocationId()).isEqualTo("1001");
        assertThat(m.getLocationAddress()).isEqualTo("MAIN ST");
        assertThat(m.getLocationCity()).isEqualTo("ANYTOWN");
        assertThat(m.getLocationState()).isEqualTo("CA");
        assertThat(m.getLocationZip()).isEqualTo("90000");
        assertThat(n.validFrom()).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    }

    @Test
    void historyWithoutLinkHoldsFromAlwaysWithNoAccountOrLocation() throws Exception {
        Normalized n = normalizer.normalize(MetersenseMeterHistory.newBuilder().setMeterId("MTR001")
                .setExtract(extract("meter history")).build());

        assertThat(n.validFrom()).isNull();
        assertThat(n.meters().get(0).getAccountId()).isNull();
        assertThat(n.meters().get(0).getLocationId()).isNull();
    }

    @Test
    void locationAccountAndXrefRowsReachMetersOnlyThroughTheHistory() throws Exception {
        assertThat(normalizer.normalize(MetersenseLocation.newBuilder().setLocationNo("1001")
                .setExtract(extract("LOCATIONS")).build()).meters()).isEmpty();
        assertThat(normalizer.normalize(MetersenseAccountService.newBuilder().setAccountId("A").setLocationNo("1")
                .setCommodityTp("W").setExtract(extract("ACCOUNT_SERVICES")).build()).meters()).isEmpty();
        assertThat(normalizer.normalize(MetersenseMeterLocationXref.newBuilder().setMeterId("MTR001")
                .setLocationNo("1").setExtract(extract("METER_LOCATION_XREF")).build()).meters()).isEmpty();
    }

    @Test
    void unknownUnitIsADeadLetterNamingTableRowAndMeter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval().setUom("Pounds").build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("metersense INTERVALREADS row 4", ORG, "MTR001", "uom", "Pounds");
    }

    @Test
    void valueWithoutUnitIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(register().setUom(null).build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("uom is empty");
    }

    @Test
    void emptyValueIsAMissingHalfNotAnError() throws Exception {
        GeneralMeterRead read = normalizer.normalize(interval().setReadValue(null).build()).reads().get(0);

        assertThat(read.getIntervalValue()).isNull();
        assertThat(read.getIntervalUnit()).isNull();
    }

    @Test
    void readWithoutMeterIdIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval().setMeterId(" ").build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("meter_id is empty");
    }

    @Test
    void readWithoutReadDtmIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval().setReadDtm(null).build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("read_dtm is empty");
    }

    @Test
    void unparseableReadDtmIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(interval().setReadDtm("01/01/2024 1am").build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("read_dtm", "01/01/2024 1am");
    }
}
