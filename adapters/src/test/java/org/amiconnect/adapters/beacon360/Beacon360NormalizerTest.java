package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Beacon360NormalizerTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private final Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);

    @Test
    void normalizesPredecessorFixtureToItsExpectedMeters() throws Exception {
        for (Beacon360MeterRead raw : Beacon360TestReports.fixtureRecords()) {
            Normalized out = normalizer.normalize(raw);

            assertThat(out.meters()).hasSize(1);
            assertThat(out.skippedReads()).isZero();
            GeneralMeter meter = out.meters().get(0);
            assertThat(meter.getOrgId()).isEqualTo(Beacon360TestReports.ORG);
            assertThat(meter.getDeviceId()).isEqualTo("130615549");
            assertThat(meter.getEndpointId()).isEqualTo("130615549");
            assertThat(meter.getAccountId()).isEqualTo("303022");
            assertThat(meter.getLocationId()).isEqualTo("303022");
            assertThat(meter.getMeterId()).isEqualTo("1470158170");
            assertThat(meter.getMeterInstallDate()).isNull();
            assertThat(meter.getMeterSize()).isEqualTo("0.625");
            assertThat(meter.getMeterManufacturer()).isEqualTo("BADGER");
            assertThat(meter.getMultiplier()).isNull();
            assertThat(meter.getLocationAddress()).isEqualTo("5391 E. MYSTREET");
            assertThat(meter.getLocationCity()).isEqualTo("Apple");
            assertThat(meter.getLocationState()).isEqualTo("CA");
            assertThat(meter.getLocationZip()).isEqualTo("93727");
        }
    }

    @Test
    void normalizesPredecessorFixtureToItsExpectedReads() throws Exception {
        List<Beacon360MeterRead> raw = Beacon360TestReports.fixtureRecords();
        // 2024-08-01 00:59 and 01:59 are PDT (-07:00) in Los Angeles
        List<Instant> flowtimes = List.of(Instant.parse("2024-08-01T07:59:00Z"), Instant.parse("2024-08-01T08:59:00Z"));

        for (int i = 0; i < raw.size(); i++) {
            List<GeneralMeterRead> reads = normalizer.normalize(raw.get(i)).reads();

            assertThat(reads).hasSize(1);
            GeneralMeterRead read = reads.get(0);
            assertThat(read.getOrgId()).isEqualTo(Beacon360TestReports.ORG);
            assertThat(read.getDeviceId()).isEqualTo("130615549");
            assertThat(read.getAccountId()).isEqualTo("303022");
            assertThat(read.getLocationId()).isEqualTo("303022");
            assertThat(read.getFlowtime()).isEqualTo(flowtimes.get(i));
            assertThat(read.getRegisterValue()).isEqualTo(22760.0);
            assertThat(read.getRegisterUnit()).isEqualTo("CF");
            assertThat(read.getIntervalValue()).isEqualTo(0.66840273);
            assertThat(read.getIntervalUnit()).isEqualTo("CF");
            assertThat(read.getBattery()).isEqualTo("good");
            assertThat(read.getConnection()).isEqualTo("marginal");
            assertThat(read.getEstimated()).isZero();
            assertThat(read.getInstallDate()).isEqualTo(Instant.parse("2024-08-01T07:59:00Z"));
        }
    }

    @Test
    void theMeterIsObservedAtTheTimeOfItsRead() throws Exception {
        // the meter's history is ordered by this, so a re-pull of an older window never replaces newer attributes
        Normalized out = normalize(r -> r.setReadTime("2016-01-01 23:59"));
        assertThat(out.meters().get(0).getObservedAt()).isEqualTo(Instant.parse("2016-01-02T07:59:00Z"))
                .isEqualTo(out.reads().get(0).getFlowtime());

        assertThat(normalize(r -> r.setReadTime("")).meters().get(0).getObservedAt()).isNull();
    }

    @Test
    void accountIdIsTheTextBeforeTheFirstDash() throws Exception {
        Normalized out = normalize(r -> r.setAccountID("first-second"));

        assertThat(out.meters().get(0).getAccountId()).isEqualTo("first");
        assertThat(out.reads().get(0).getAccountId()).isEqualTo("first");
        assertThat(out.meters().get(0).getLocationId()).isEqualTo("303022");
    }

    @Test
    void rowWithoutReadTimeKeepsItsMeterAndSkipsTheRead() throws Exception {
        Normalized out = normalize(r -> r.setReadTime(""));

        assertThat(out.meters()).extracting(GeneralMeter::getDeviceId).containsExactly("130615549");
        assertThat(out.reads()).isEmpty();
        assertThat(out.skippedReads()).isEqualTo(1);
    }

    @Test
    void emptyReadIsAMissingRegisterNotACrash() throws Exception {
        // [quirk] fixed: float("") made the predecessor fail the whole run
        GeneralMeterRead read = readOf(r -> r.setRead(""));

        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getRegisterUnit()).isNull();
        assertThat(read.getIntervalValue()).isEqualTo(0.66840273);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
    }

    @Test
    void emptyFlowIsAMissingInterval() throws Exception {
        GeneralMeterRead read = readOf(r -> r.setFlow(""));

        assertThat(read.getIntervalValue()).isNull();
        assertThat(read.getIntervalUnit()).isNull();
        assertThat(read.getRegisterValue()).isEqualTo(22760.0);
    }

    @Test
    void unknownFlowUnitIsRejectedNamingReportRowOrgAndEndpoint() {
        NormalizationException e = failure(r -> r.setFlowUnit("Pounds"));

        assertThat(e.field()).isEqualTo("Flow_Unit");
        assertThat(e.getMessage())
                .contains(Beacon360TestReports.FIXTURE)
                .contains("row 1")
                .contains(Beacon360TestReports.ORG)
                .contains("130615549")
                .contains("Pounds");
    }

    @Test
    void valueWithEmptyUnitIsRejectedOnTheUnitField() {
        NormalizationException register = failure(r -> r.setReadUnit(""));
        NormalizationException interval = failure(r -> r.setFlowUnit(" "));

        assertThat(register.field()).isEqualTo("Read_Unit");
        assertThat(register.getMessage()).contains("227.6").contains("row 1");
        assertThat(interval.field()).isEqualTo("Flow_Unit");
        assertThat(interval.getMessage()).contains("5.0");
    }

    @Test
    void nonNumericReadIsRejectedOnTheReadField() {
        NormalizationException e = failure(r -> r.setRead("22x7.6"));

        assertThat(e.field()).isEqualTo("Read");
        assertThat(e.getMessage()).contains("'22x7.6'").contains("130615549");
    }

    @Test
    void nonNumericFlowIsRejectedOnTheFlowField() {
        NormalizationException e = failure(r -> r.setFlow("five"));

        assertThat(e.field()).isEqualTo("Flow");
    }

    @Test
    void emptyEndpointSerialIsRejected() {
        NormalizationException e = failure(r -> r.setEndpointSN(""));

        assertThat(e.field()).isEqualTo("Endpoint_SN");
        assertThat(e.getMessage()).contains(Beacon360TestReports.FIXTURE).contains("row 1")
                .contains(Beacon360TestReports.ORG);
    }

    @Test
    void missingEndpointSerialColumnIsRejected() {
        NormalizationException e = failure(r -> r.setEndpointSN(null));

        assertThat(e.field()).isEqualTo("Endpoint_SN");
    }

    @Test
    void nonIntegerEstimatedFlagIsRejected() {
        NormalizationException e = failure(r -> r.setEstimatedFlag("yes"));

        assertThat(e.field()).isEqualTo("Estimated_Flag");
        assertThat(e.getMessage()).contains("'yes'");
    }

    @Test
    void estimatedFlagOneMarksTheReadEstimatedAndEmptyLeavesItUnknown() throws Exception {
        assertThat(readOf(r -> r.setEstimatedFlag("1")).getEstimated()).isEqualTo(1);
        assertThat(readOf(r -> r.setEstimatedFlag("")).getEstimated()).isNull();
    }

    @Test
    void unparseableReadTimeIsRejectedOnTheReadTimeField() {
        NormalizationException e = failure(r -> r.setReadTime("08/01/2024 00:59"));

        assertThat(e.field()).isEqualTo("Read_Time");
        assertThat(e.getMessage()).contains("'08/01/2024 00:59'").contains("row 1");
    }

    @Test
    void unparseableInstallDatesAreRejectedOnTheirFields() {
        assertThat(failure(r -> r.setEndpointInstallDate("yesterday")).field()).isEqualTo("Endpoint_Install_Date");
        assertThat(failure(r -> r.setMeterInstallDate("2024-13-01 00:00")).field()).isEqualTo("Meter_Install_Date");
    }

    @Test
    void meterInstallDateIsLocalized() throws Exception {
        GeneralMeter meter = normalize(r -> r.setMeterInstallDate("2019-12-15 09:30")).meters().get(0);

        assertThat(meter.getMeterInstallDate()).isEqualTo(Instant.parse("2019-12-15T17:30:00Z"));
    }

    @Test
    void installDatesFollowEachRowWhetherTheyRepeatOrChange() throws Exception {
        String[] texts = {"2019-12-15 09:30", "2019-12-15 09:30", "2021-07-01 00:00", "", "2019-12-15 09:30"};
        Instant[] expected = {Instant.parse("2019-12-15T17:30:00Z"), Instant.parse("2019-12-15T17:30:00Z"),
                Instant.parse("2021-07-01T07:00:00Z"), null, Instant.parse("2019-12-15T17:30:00Z")};
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            Normalized row = normalize(r -> {
                r.setMeterInstallDate(text);
                r.setEndpointInstallDate(text);
            });
            assertThat(row.meters().get(0).getMeterInstallDate()).as("meter, row %d", i).isEqualTo(expected[i]);
            assertThat(row.reads().get(0).getInstallDate()).as("endpoint, row %d", i).isEqualTo(expected[i]);
        }
        assertThat(failure(r -> r.setMeterInstallDate("2019-12-15 9:30")).field()).isEqualTo("Meter_Install_Date");
    }

    @ParameterizedTest(name = "{0} {1} is {2} CF")
    @CsvSource({
            "5,    KGAL, 668.40273",  // converted to cubic feet
            "1200, CF,   1200.0"})    // kept as is
    void registerIsReportedInCubicFeet(String value, String unit, double expectedCubicFeet) throws Exception {
        GeneralMeterRead read = readOf(r -> {
            r.setRead(value);
            r.setReadUnit(unit);
        });

        assertThat(read.getRegisterValue()).isEqualTo(expectedCubicFeet);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
    }

    @Test
    void halfwayGallonsRoundLikeThePredecessor() throws Exception {
        // python3: round(12.5 * 0.133680546, 8) == 1.67100683 and round(67.5 * 0.133680546, 8) == 9.02343685
        GeneralMeterRead up = readOf(r -> r.setFlow("12.5"));
        GeneralMeterRead down = readOf(r -> r.setFlow("67.5"));

        assertThat(up.getIntervalValue()).isEqualTo(1.67100683);
        assertThat(down.getIntervalValue()).isEqualTo(9.02343685);
    }

    @Test
    void ccfFlowIsConvertedToCubicFeet() throws Exception {
        GeneralMeterRead read = readOf(r -> {
            r.setFlow("0.125");
            r.setFlowUnit("ccf");
        });

        assertThat(read.getIntervalValue()).isEqualTo(12.5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            winter time has the standard offset (the predecessor's own example: -08:00) \
                    | 2016-01-01 23:59          | 2016-01-02T07:59:00Z
            a time in the spring-forward gap moves forward by the gap (02:30 on 2026-03-08 is read as 03:30 PDT) \
                    | 2026-03-08 02:30          | 2026-03-08T10:30:00Z
            a time in the fall-back overlap is the later, standard-time (PST, -08:00) instant \
                    | 2026-11-01 01:59          | 2026-11-01T09:59:00Z
            a timestamp with an offset keeps its offset \
                    | 2024-08-01T00:59:00+02:00 | 2024-07-31T22:59:00Z
            """)
    void readTimeIsLocalizedInTheUtilityZone(String rule, String readTime, Instant expectedFlowtime)
            throws Exception {
        GeneralMeterRead read = readOf(r -> r.setReadTime(readTime));

        assertThat(read.getFlowtime()).isEqualTo(expectedFlowtime);
    }

    @Test
    void sameRowInAnotherZoneGivesAnotherInstant() throws Exception {
        Beacon360Normalizer rome = new Beacon360Normalizer(ZoneId.of("Europe/Rome"));

        GeneralMeterRead read = rome.normalize(Beacon360TestReports.fixtureRow()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-07-31T22:59:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "5/8\"    | 0.625",
            "3/4\"    | 0.75",
            "5/8x3/4  | 0.625x0.75",
            "1.5\"    | 1.5",
            "8in      | NULL",
            "''       | NULL"})
    void meterSizeDescriptionIsNormalized(String description, String expected) throws Exception {
        GeneralMeter meter = normalize(r -> r.setMeterSizeDesc(description)).meters().get(0);

        assertThat(meter.getMeterSize()).isEqualTo(expected);
    }

    @Test
    void emptyCellsBecomeNull() throws Exception {
        Normalized out = normalize(r -> {
            r.setLocationCity("");
            r.setMeterManufacturer(" ");
            r.setBatteryLevel("");
            r.setSignalStrength("");
            r.setEndpointInstallDate("");
        });

        assertThat(out.meters().get(0).getLocationCity()).isNull();
        assertThat(out.meters().get(0).getMeterManufacturer()).isNull();
        GeneralMeterRead read = out.reads().get(0);
        assertThat(read.getBattery()).isNull();
        assertThat(read.getConnection()).isNull();
        assertThat(read.getInstallDate()).isNull();
    }

    private Normalized normalize(Consumer<Beacon360MeterRead> edit) throws NormalizationException {
        Beacon360MeterRead raw = Beacon360TestReports.fixtureRow();
        edit.accept(raw);
        return normalizer.normalize(raw);
    }

    private GeneralMeterRead readOf(Consumer<Beacon360MeterRead> edit) throws NormalizationException {
        List<GeneralMeterRead> reads = normalize(edit).reads();
        assertThat(reads).hasSize(1);
        return reads.get(0);
    }

    private NormalizationException failure(Consumer<Beacon360MeterRead> edit) {
        NormalizationException e = catchThrowableOfType(NormalizationException.class, () -> normalize(edit));
        assertThat(e).as("normalizing must fail").isNotNull();
        return e;
    }
}
