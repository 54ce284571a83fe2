package org.amiconnect.adapters.moultonniguel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelCustomer;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelRegisterRead;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelServicePoint;
import org.junit.jupiter.api.Test;

/** The predecessor's Moulton Niguel transform cases (python-ami-connect §2.7), one test each. */
class MoultonNiguelNormalizerTest {

    private static final String ORG = "mn_utility";
    private final MoultonNiguelNormalizer normalizer = new MoultonNiguelNormalizer(ZoneId.of("America/Los_Angeles"));

    private static ExtractMetadata extract(String table) {
        return ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-1")
                .setExtractedAt(Instant.parse("2023-01-02T00:00:00Z")).setSource("xylem_moulton_niguel " + table)
                .setSourceRecord(2L).build();
    }

    private static MoultonNiguelAmi.Builder ami() {
        return MoultonNiguelAmi.newBuilder().setId("1").setEncid("M1").setDatetime("2023-01-01 00:00:00.000 -0700")
                .setCode("R1").setConsumption("10").setServiceAddress("100").setServicePoint("1").setBatchId("B1")
                .setMeterSerialId("M1").setErtId("ERT1").setExtract(extract("ami"));
    }

    private static MoultonNiguelRegisterRead.Builder register() {
        return MoultonNiguelRegisterRead.newBuilder().setId("2").setEncid("M1")
                .setDatetime("2023-01-01 00:00:00.000 -0700").setRegRead("1234.5").setExtract(extract("register_read"));
    }

    @Test
    void amiConsumptionIsTheIntervalInCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(ami().build()).reads().get(0);

        assertThat(read.getDeviceId()).isEqualTo("M1");
        assertThat(read.getIntervalValue()).isEqualTo(10.0);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getEstimated()).isNull();
    }

    @Test
    void datetimeWithItsOffsetKeepsIt() throws Exception {
        GeneralMeterRead read = normalizer.normalize(ami().build()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2023-01-01T07:00:00Z"));
    }

    @Test
    void isoDatetimeAsTheDatabaseReturnsItKeepsItsOffset() throws Exception {
        GeneralMeterRead read = normalizer.normalize(ami().setDatetime("2023-01-01T00:00-07:00").build()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2023-01-01T07:00:00Z"));
    }

    @Test
    void naiveDatetimeIsLocalTimeOfTheSource() throws Exception {
        GeneralMeterRead read = normalizer.normalize(ami().setDatetime("2023-07-01 00:00:00").build()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2023-07-01T07:00:00Z"));
    }

    @Test
    void registerReadIsTheRegisterInCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(register().build()).reads().get(0);

        assertThat(read.getRegisterValue()).isEqualTo(1234.5);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
    }

    @Test
    void meterRowDescribesDeviceEndpointInstallDateSizeManufacturerAndMultiplier() throws Exception {
        GeneralMeter m = normalizer.normalize(MoultonNiguelMeter.newBuilder().setId("7").setMeterId("M1")
                .setErtId("ERT1").setStartDate("2020-01-01").setEndDate("9999-01-01").setSpdMeterSize("0.625")
                .setMeterManufacturer("SENSUS").setSpdMeterMult("1").setServiceAddress("100").setServicePoint("1")
                .setExtract(extract("meter")).build()).meters().get(0);

        assertThat(m.getDeviceId()).isEqualTo("M1");
        assertThat(m.getMeterId()).isEqualTo("M1");
        assertThat(m.getEndpointId()).isEqualTo("ERT1");
        assertThat(m.getMeterInstallDate()).isEqualTo(Instant.parse("2020-01-01T08:00:00Z"));
        assertThat(m.getMeterSize()).isEqualTo("0.625");
        assertThat(m.getMeterManufacturer()).isEqualTo("SENSUS");
        assertThat(m.getMultiplier()).isEqualTo(1.0);
        // location and account come from the meter history, at each read's time
        assertThat(m.getLocationId()).isNull();
    }

    @Test
    void historyLocationIsServiceAddressDashServicePointWithTheAssetAddress() throws Exception {
        Normalized n = normalizer.normalize(MoultonNiguelMeterHistory.newBuilder().setMeterId("M1")
                .setValidFrom("2020-01-01").setServiceAddress("100").setServicePoint("1").setAccountId("A1")
                .setAssetAddress("1 MAIN ST").setAssetCity("MISSION VIEJO").setAssetZip("92691")
                .setExtract(extract("meter history")).build());

        GeneralMeter m = n.meters().get(0);
        assertThat(m.getLocationId()).isEqualTo("100-1");
        assertThat(m.getAccountId()).isEqualTo("A1");
        assertThat(m.getLocationAddress()).isEqualTo("1 MAIN ST");
        assertThat(m.getLocationCity()).isEqualTo("MISSION VIEJO");
        assertThat(m.getLocationZip()).isEqualTo("92691");
        assertThat(m.getLocationState()).isNull();
        assertThat(n.validFrom()).isEqualTo(Instant.parse("2020-01-01T08:00:00Z"));
    }

    @Test
    void historyWithoutServicePointHasNoLocationRatherThanNone() throws Exception {
        GeneralMeter m = normalizer.normalize(MoultonNiguelMeterHistory.newBuilder().setMeterId("M1")
                .setServiceAddress("100").setExtract(extract("meter history")).build()).meters().get(0);

        assertThat(m.getLocationId()).isNull();
    }

    @Test
    void servicePointAndCustomerRowsReachMetersOnlyThroughTheHistory() throws Exception {
        assertThat(normalizer.normalize(MoultonNiguelServicePoint.newBuilder().setServiceAddress("100")
                .setServicePoint("1").setExtract(extract("service_point")).build()).meters()).isEmpty();
        assertThat(normalizer.normalize(MoultonNiguelCustomer.newBuilder().setId("1").setAccountId("A1")
                .setExtract(extract("customer")).build()).meters()).isEmpty();
    }

    @Test
    void readWithoutEncidIsADeadLetterNamingTableAndRow() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(ami().setEncid(null).build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("xylem_moulton_niguel ami row 2", ORG, "encid is empty");
    }

    @Test
    void nonNumericConsumptionIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(ami().setConsumption("n/a").build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("consumption", "n/a", "M1");
    }

    @Test
    void readWithoutDatetimeIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(register().setDatetime("").build()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("datetime is empty");
    }
}
