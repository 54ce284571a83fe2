package org.amiconnect.adapters.subeca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.junit.jupiter.api.Test;

/** The predecessor's Subeca transform cases (§2.5 and its tests), one test per case. */
class SubecaNormalizerTest {

    private static final String DEVICE = "5C2D085100009237";
    private final SubecaNormalizer normalizer = new SubecaNormalizer(ZoneId.of("America/Los_Angeles"));

    @Test
    void accountBecomesAMeterWithTheAccountAsAccountAndLocation() throws Exception {
        GeneralMeter meter = normalizer.normalize(account()).meters().get(0);

        assertThat(meter.getDeviceId()).isEqualTo(DEVICE);
        assertThat(meter.getAccountId()).isEqualTo("3.29.4.W");
        assertThat(meter.getLocationId()).isEqualTo("3.29.4.W");
        assertThat(meter.getEndpointId()).isEqualTo(DEVICE);
        assertThat(meter.getMeterSize()).isEqualTo("0.625");
        assertThat(meter.getMeterManufacturer()).isNull();
        assertThat(meter.getLocationAddress()).isNull();
    }

    @Test
    void emptyMeterSerialIsNoMeterId() throws Exception {
        assertThat(normalizer.normalize(account()).meters().get(0).getMeterId()).isNull();
    }

    @Test
    void installationDateKeepsItsOffset() throws Exception {
        assertThat(normalizer.normalize(account()).meters().get(0).getMeterInstallDate())
                .isEqualTo(Instant.parse("2025-06-05T19:33:54Z"));
    }

    @Test
    void accountWithoutDeviceIdIsADeadLetter() {
        SubecaAccount a = account();
        a.setDeviceId("");

        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(a));

        assertThat(e.field()).isEqualTo("deviceId");
    }

    @Test
    void usageIsAnIntervalReadInCubicFeetWithTheAccountAsAccountAndLocation() throws Exception {
        GeneralMeterRead read = normalizer.normalize(usage("123.4", "cf")).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2025-08-01T10:00:00Z"));
        assertThat(read.getIntervalValue()).isEqualTo(123.4);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getAccountId()).isEqualTo("3.29.4.W");
        assertThat(read.getLocationId()).isEqualTo("3.29.4.W");
    }

    @Test
    void usageInGallonsIsConvertedToCubicFeet() throws Exception {
        GeneralMeterRead read = normalizer.normalize(usage("2000", "gal")).reads().get(0);

        assertThat(read.getIntervalValue()).isEqualTo(267.361092);
    }

    @Test
    void emptyUsageValueIsSkipped() throws Exception {
        Normalized n = normalizer.normalize(usage("", "cf"));

        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isEqualTo(1);
    }

    @Test
    void zeroUsageIsAReadNotSkipped() throws Exception {
        GeneralMeterRead read = normalizer.normalize(usage("0", "cf")).reads().get(0);

        assertThat(read.getIntervalValue()).isEqualTo(0.0);
    }

    @Test
    void usageInAnUnknownUnitIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(usage("1", "liters")));

        assertThat(e.field()).isEqualTo("unit");
        assertThat(e.getMessage()).contains("subeca usages of account 3.29.4.W", "item 7", "deviceId " + DEVICE, "liters");
    }

    @Test
    void usageValueThatIsNotANumberIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(usage("lots", "cf")));

        assertThat(e.field()).isEqualTo("value");
    }

    @Test
    void latestReadingIsARegisterReadAtItsDate() throws Exception {
        GeneralMeterRead read = normalizer.normalize(latest("16685.9", "2025-08-05T20:19:46+00:00")).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2025-08-05T20:19:46Z"));
        assertThat(read.getRegisterValue()).isEqualTo(16685.9);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
    }

    @Test
    void emptyLatestReadingIsSkipped() throws Exception {
        assertThat(normalizer.normalize(latest("", "2025-08-05T20:19:46+00:00")).skippedReads()).isEqualTo(1);
    }

    @Test
    void latestReadingAtTheTimeOfAUsageCompletesTheSameRead() throws Exception {
        GeneralMeterRead register = normalizer.normalize(latest("16685.9", "2025-08-01T10:00:00+00:00")).reads().get(0);
        GeneralMeterRead interval = normalizer.normalize(usage("123.4", "cf")).reads().get(0);

        // the transformer merges observations of one (org, device, flowtime) field by field
        assertThat(register.getDeviceId()).isEqualTo(interval.getDeviceId());
        assertThat(register.getFlowtime()).isEqualTo(interval.getFlowtime());
        assertThat(register.getIntervalValue()).isNull();
        assertThat(interval.getRegisterValue()).isNull();
    }

    @Test
    void usageTimeThatIsNotATimeIsADeadLetter() {
        SubecaUsage u = usage("1", "cf");
        u.setUsageTime("soon");

        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(u));

        assertThat(e.field()).isEqualTo("usageTime");
    }

    private static ExtractMetadata extract(String source, Long position) {
        return ExtractMetadata.newBuilder().setOrgId("org").setRunId("run").setSource(source)
                .setSourceRecord(position).setExtractedAt(Instant.parse("2025-08-06T00:00:00Z")).build();
    }

    /** The predecessor's synthetic account document, flattened. */
    private static SubecaAccount account() {
        return SubecaAccount.newBuilder().setAccountId("3.29.4.W").setAccountStatus("active").setMeterSerial("")
                .setBillingRoute("").setRegisterSerial(DEVICE).setMeterSize("5/8")
                .setCreatedAt("2025-05-30T02:37:52+00:00").setDeviceId(DEVICE).setActiveProtocol("LoRaWAN")
                .setInstallationDate("2025-06-05T19:33:54+00:00").setLatestCommunicationDate("2025-08-05T20:19:46+00:00")
                .setExtract(extract("subeca account 3.29.4.W", null)).build();
    }

    private static SubecaUsage usage(String value, String unit) {
        return SubecaUsage.newBuilder().setAccountId("3.29.4.W").setDeviceId(DEVICE)
                .setUsageTime("2025-08-01T10:00:00+00:00").setUnit(unit).setValue(value)
                .setExtract(extract("subeca usages of account 3.29.4.W 2025-08-01..2025-08-02", 7L)).build();
    }

    private static SubecaLatestReading latest(String value, String date) {
        return SubecaLatestReading.newBuilder().setAccountId("3.29.4.W").setDeviceId(DEVICE).setUsageTime(date)
                .setUnit("cf").setValue(value).setExtract(extract("subeca account 3.29.4.W latestReading", null)).build();
    }
}
