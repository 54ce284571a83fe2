package org.amiconnect.plugins.neptune360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.junit.jupiter.api.Test;

/** Neptune 360 raw records → standard model, one test per case. */
class Neptune360NormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Neptune360RawRecords.Origin ORIGIN = new Neptune360RawRecords.Origin("utility", "run-1",
            Instant.parse("2026-06-02T00:00:00Z"), "GET /v1/sites/{site_id}/reads page 3", 17);

    private final Neptune360Normalizer normalizer = new Neptune360Normalizer(NeptuneFixtures.ZONE);

    private static Neptune360Endpoint endpoint(String json) throws Exception {
        return Neptune360RawRecords.endpoint(JSON.readTree(json), ORIGIN);
    }

    private static Neptune360Read read(String json) throws Exception {
        return Neptune360RawRecords.read(JSON.readTree(json), ORIGIN);
    }

    private static final String ENDPOINT = """
            {"meterNumber": "1234567890", "miuId": "987654321", "accountNumber": "100234",
             "serviceLocationId": "L-77", "meterSize": "5/8\\"", "meterManufacturer": "Neptune",
             "meterInstallDate": "2019-05-01", "multiplier": 1, "serviceAddress": "12 Elm St", "city": "Fresno",
             "state": "CA", "zip": "93701"}""";

    @Test
    void anEndpointIsAMeterWhoseDeviceIdIsMeterNumberDashMiuId() throws Exception {
        Normalized n = normalizer.normalize(endpoint(ENDPOINT));

        assertThat(n.reads()).isEmpty();
        GeneralMeter meter = n.meters().get(0);
        assertThat(meter.getDeviceId()).isEqualTo("1234567890-987654321");
        assertThat(meter.getMeterId()).isEqualTo("1234567890");
        assertThat(meter.getEndpointId()).isEqualTo("987654321");
        assertThat(meter.getAccountId()).isEqualTo("100234");
        assertThat(meter.getLocationId()).isEqualTo("L-77");
        assertThat(meter.getMeterSize()).isEqualTo("0.625");
        assertThat(meter.getMeterManufacturer()).isEqualTo("Neptune");
        assertThat(meter.getMultiplier()).isEqualTo(1.0);
        assertThat(meter.getLocationAddress()).isEqualTo("12 Elm St");
        assertThat(meter.getLocationZip()).isEqualTo("93701");
        assertThat(meter.getOrgId()).isEqualTo("utility");
    }

    @Test
    void theInstallDateIsLocalMidnightInTheSourceZone() throws Exception {
        GeneralMeter meter = normalizer.normalize(endpoint(ENDPOINT)).meters().get(0);

        assertThat(meter.getMeterInstallDate()).isEqualTo(Instant.parse("2019-05-01T07:00:00Z"));
    }

    @Test
    void deviceIdPartsAreTrimmed() throws Exception {
        GeneralMeter meter = normalizer.normalize(endpoint("{\"meterNumber\": \" 55 \", \"miuId\": \"66 \"}"))
                .meters().get(0);

        assertThat(meter.getDeviceId()).isEqualTo("55-66");
    }

    @Test
    void numericIdsAreKeptAsWrittenNotAsFloats() throws Exception {
        GeneralMeter meter = normalizer.normalize(endpoint("{\"meterNumber\": 1234567890123, \"miuId\": 42}"))
                .meters().get(0);

        assertThat(meter.getDeviceId()).isEqualTo("1234567890123-42");
    }

    @Test
    void anEndpointWithoutMiuIdIsADeadLetterNamingTheFieldAndTheItem() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(endpoint("{\"meterNumber\": \"55\", \"miuId\": \"\"}")));

        assertThat(e.field()).isEqualTo("miuId");
        assertThat(e.getMessage()).isEqualTo("GET /v1/sites/{site_id}/reads page 3 item 17 (org utility): miuId is "
                + "empty; the device id is meterNumber-miuId, so the item cannot be attributed to a meter");
    }

    @Test
    void aReadWithoutMeterNumberIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(read("{\"miuId\": \"66\", \"readTime\": \"2026-06-01T10:07:00-07:00\"}")));

        assertThat(e.field()).isEqualTo("meterNumber");
    }

    @Test
    void anUnknownMeterSizeIsNullNotAGuess() throws Exception {
        GeneralMeter meter = normalizer.normalize(endpoint(
                "{\"meterNumber\": \"55\", \"miuId\": \"66\", \"meterSize\": \"8in\"}")).meters().get(0);

        assertThat(meter.getMeterSize()).isNull();
    }

    @Test
    void aReadKeepsTheUtcOffsetOfItsReadTime() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-11-01T01:07:00-08:00",
                 "reading": 12.5, "readingUnit": "CCF"}""")).reads().get(0);

        // 01:07 happens twice in Los Angeles that night; the offset says which
        assertThat(r.getFlowtime()).isEqualTo(Instant.parse("2026-11-01T09:07:00Z"));
        assertThat(r.getDeviceId()).isEqualTo("55-66");
    }

    @Test
    void aNaiveReadTimeIsLocalTimeInTheSourceZone() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01 10:07:00", "reading": 1, "readingUnit": "CF"}
                """)).reads().get(0);

        assertThat(r.getFlowtime()).isEqualTo(Instant.parse("2026-06-01T17:07:00Z"));
    }

    @Test
    void registerAndIntervalAreConvertedToCubicFeetFromEachUnit() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "reading": 12.5, "readingUnit": "CCF", "consumption": 10, "consumptionUnit": "GAL"}""")).reads().get(0);

        assertThat(r.getRegisterValue()).isEqualTo(1250.0);
        assertThat(r.getRegisterUnit()).isEqualTo("CF");
        assertThat(r.getIntervalValue()).isEqualTo(1.33680546);
        assertThat(r.getIntervalUnit()).isEqualTo("CF");
    }

    @Test
    void kilogallonsAndCubicFeetAreAcceptedInAnyCase() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "reading": "2", "readingUnit": "kgal", "consumption": "3.5", "consumptionUnit": "cf"}""")).reads().get(0);

        assertThat(r.getRegisterValue()).isEqualTo(267.361092);
        assertThat(r.getIntervalValue()).isEqualTo(3.5);
    }

    @Test
    void anUnknownUnitIsADeadLetterNamingTheUnitField() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "reading": 3, "readingUnit": "Pounds"}""")));

        assertThat(e.field()).isEqualTo("readingUnit");
        assertThat(e.getMessage()).contains("item 17 (org utility, device 55-66)", "'Pounds'");
    }

    @Test
    void aValueWithoutAUnitIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00", "consumption": 3}""")));

        assertThat(e.field()).isEqualTo("consumptionUnit");
        assertThat(e.getMessage()).contains("consumptionUnit is empty but consumption is 3");
    }

    @Test
    void missingValuesAreNullNotZero() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "reading": null, "readingUnit": "CCF", "consumption": "", "consumptionUnit": ""}""")).reads().get(0);

        assertThat(r.getRegisterValue()).isNull();
        assertThat(r.getRegisterUnit()).isNull();
        assertThat(r.getIntervalValue()).isNull();
    }

    @Test
    void aReadWithoutReadTimeIsSkippedAndCounted() throws Exception {
        Normalized n = normalizer.normalize(read("{\"meterNumber\": \"55\", \"miuId\": \"66\", \"reading\": 3}"));

        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isOne();
    }

    @Test
    void aReadTimeThatIsNotATimestampIsADeadLetter() {
        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalizer.normalize(read(
                "{\"meterNumber\": \"55\", \"miuId\": \"66\", \"readTime\": \"yesterday\"}")));

        assertThat(e.field()).isEqualTo("readTime");
        assertThat(e.getMessage()).contains("'yesterday' is not a timestamp");
    }

    @Test
    void estimatedIsReadFromBooleansAndDigits() throws Exception {
        String base = "{\"meterNumber\": \"55\", \"miuId\": \"66\", \"readTime\": \"2026-06-01T10:07:00-07:00\", ";

        assertThat(normalizer.normalize(read(base + "\"estimated\": true}")).reads().get(0).getEstimated()).isOne();
        assertThat(normalizer.normalize(read(base + "\"estimated\": false}")).reads().get(0).getEstimated()).isZero();
        assertThat(normalizer.normalize(read(base + "\"estimated\": \"1\"}")).reads().get(0).getEstimated()).isOne();
        assertThat(catchThrowableOfType(NormalizationException.class,
                () -> normalizer.normalize(read(base + "\"estimated\": \"maybe\"}"))).field()).isEqualTo("estimated");
    }

    @Test
    void batteryAndSignalBecomeBatteryAndConnection() throws Exception {
        GeneralMeterRead r = normalizer.normalize(read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "batteryStatus": "Good", "signalStrength": "-82"}""")).reads().get(0);

        assertThat(r.getBattery()).isEqualTo("Good");
        assertThat(r.getConnection()).isEqualTo("-82");
        assertThat(r.getAccountId()).as("joined from the endpoint by the transformer").isNull();
    }

    @Test
    void fieldsTheRawRecordDoesNotDeclareAreKeptInExtraColumns() throws Exception {
        Neptune360Read raw = read("""
                {"meterNumber": "55", "miuId": "66", "readTime": "2026-06-01T10:07:00-07:00",
                 "tamper": {"leak": true}, "firmware": "4.2"}""");

        assertThat(raw.getExtract().getExtraColumns()).containsEntry("tamper", "{\"leak\":true}")
                .containsEntry("firmware", "4.2");
        assertThat(normalizer.normalize(raw).reads()).hasSize(1);
    }

    @Test
    void aDecimalIsKeptAsWrittenWithoutAnExponent() {
        JsonNode tiny = new ObjectMapper().createObjectNode().put("v", new java.math.BigDecimal("0.00000001")).get("v");

        assertThat(Neptune360RawRecords.text(tiny)).isEqualTo("0.00000001");
    }
}
