package org.amiconnect.loader.checks;

import static org.amiconnect.testsupport.records.TestRecords.meter;
import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.loader.sink.WarehouseSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data-quality checks against real warehouses, with data that passes and data that violates each check. */
abstract class DataQualityChecksContract {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 6, 1);
    private static final Instant T0 = Instant.parse("2024-08-01T07:00:00Z");

    private final CheckContext context = new CheckContext(Map.of("utility_a", LOS_ANGELES, "utility_b", DENVER));
    private WarehouseSink sink;
    private Warehouse warehouse;

    abstract WarehouseSink openSink() throws Exception;

    abstract Warehouse openReader() throws Exception;

    @BeforeEach
    void open() throws Exception {
        sink = openSink();
        sink.createTables(List.of());
        warehouse = openReader();
    }

    @AfterEach
    void close() throws Exception {
        warehouse.close();
        sink.close();
    }

    /** Hourly readings of one device for whole local days of its org, except the skipped hours. */
    private void loadHourlyReadings(String org, ZoneId zone, String device, int days, Map<LocalDate, Integer> hoursPerDay) {
        Batch batch = new Batch("checks-test");
        for (int d = 0; d < days; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            int hours = hoursPerDay.getOrDefault(day, 24);
            for (int h = 0; h < hours; h++) {
                batch.addReading(meterRead(org, device, day.atStartOfDay(zone).plusHours(h).toInstant(), 100.0 + h));
            }
        }
        sink.writeBatch(batch);
    }

    private void loadMeters(String org, String... devices) {
        Batch batch = new Batch("checks-test");
        for (String device : devices) {
            batch.addMeter(meter(org, device, "1 MAIN ST"), T0);
        }
        sink.writeBatch(batch);
    }

    private CheckResult run(DataQualityCheck check) {
        return check.run(sink, context);
    }

    @Test
    void everyCheckPassesOnCleanData() {
        loadHourlyReadings("utility_a", LOS_ANGELES, "d1", 70, Map.of());
        loadHourlyReadings("utility_a", LOS_ANGELES, "d2", 70, Map.of());
        loadHourlyReadings("utility_b", DENVER, "x1", 40, Map.of());
        loadMeters("utility_a", "d1", "d2");
        Batch moved = new Batch("checks-test");
        moved.addMeter(meter("utility_a", "d1", "9 ELM ST"), T0.plusSeconds(86_400));
        sink.writeBatch(moved);

        for (DataQualityCheck check : DataQualityChecks.all()) {
            CheckResult result = run(check);
            assertThat(result.status()).as(check.name() + ": " + result).isEqualTo(CheckStatus.PASSED);
            assertThat(result.violations()).isZero();
        }
    }

    @Test
    void failsWhenADeviceHasTwoCurrentMeterRows() throws Exception {
        loadMeters("utility_a", "d1", "d2", "d3");
        // what a second, misconfigured loader or a broken merge leaves behind; no constraint stops it here
        warehouse.execute("DROP INDEX IF EXISTS meters_current");
        warehouse.execute("INSERT INTO meters SELECT * FROM meters WHERE device_id IN ('d2', 'd3')");
        warehouse.execute("INSERT INTO meters SELECT * FROM meters WHERE device_id = 'd3' AND meter_size = '0.625'"
                + " AND row_active_from = (SELECT min(row_active_from) FROM meters) LIMIT 1");

        CheckResult result = run(new MetersUniqueByDevice());

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.violations()).isEqualTo(2);
        assertThat(result.summary()).isEqualTo("2 device(s) have more than one current meter row");
        assertThat(result.examples()).containsExactly("utility_a/d2: 2 current rows", "utility_a/d3: 3 current rows");
        // a closed duplicate is history, not a second current row
        warehouse.execute("UPDATE meters SET row_active_until = row_active_from WHERE device_id = 'd3'");
        assertThat(run(new MetersUniqueByDevice()).examples()).containsExactly("utility_a/d2: 2 current rows");
    }

    @Test
    void failsWhenAReadingIsStoredTwice() throws Exception {
        loadHourlyReadings("utility_a", LOS_ANGELES, "d1", 3, Map.of());
        // the table without its primary key, as a warehouse that does not enforce keys has it
        warehouse.execute("CREATE TABLE readings_unkeyed AS SELECT * FROM readings");
        warehouse.execute("DROP TABLE readings");
        warehouse.execute("ALTER TABLE readings_unkeyed RENAME TO readings");
        Instant first = FIRST_DAY.atStartOfDay(LOS_ANGELES).toInstant();
        warehouse.execute("INSERT INTO readings SELECT * FROM readings WHERE device_id = 'd1' AND register_value = 100.0");

        CheckResult result = run(new ReadingsUniqueByDeviceAndFlowtime());

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.violations()).isEqualTo(3);
        assertThat(result.summary()).isEqualTo("3 reading(s) are stored more than once");
        assertThat(result.examples()).containsExactly(
                "utility_a/d1 at " + first + ": 2 rows",
                "utility_a/d1 at " + first.plusSeconds(86_400) + ": 2 rows",
                "utility_a/d1 at " + first.plusSeconds(2 * 86_400) + ": 2 rows");
    }

    @Test
    void warnsAboutLocalDaysWithoutOrWithTooFewReadings() {
        LocalDate missing = FIRST_DAY.plusDays(20);
        LocalDate thin = FIRST_DAY.plusDays(41);
        loadHourlyReadings("utility_a", LOS_ANGELES, "d1", 70, Map.of(missing, 0, thin, 10));
        loadHourlyReadings("utility_a", LOS_ANGELES, "d2", 70, Map.of(missing, 0, thin, 10));
        // a complete org is not reported, and its days are counted in its own time zone
        loadHourlyReadings("utility_b", DENVER, "x1", 70, Map.of());

        CheckResult result = run(new ReadingsHaveNoDataGaps());

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.violations()).isEqualTo(2);
        assertThat(result.summary()).isEqualTo("2 day(s) with missing or too few readings in 1 org(s): utility_a");
        assertThat(result.examples()).containsExactly(
                "utility_a " + missing + ": 0 readings (typical: 48)",
                "utility_a " + thin + ": 20 readings (typical: 48)");
    }

    @Test
    void countsDaysInTheOrgsTimeZoneNotInUtc() {
        // complete local days in Honolulu (UTC-10) start at 10:00 UTC: the first UTC day has only 14 of 24 hours
        ZoneId honolulu = ZoneId.of("Pacific/Honolulu");
        loadHourlyReadings("utility_c", honolulu, "h1", 30, Map.of());

        CheckContext local = new CheckContext(Map.of("utility_c", honolulu));
        assertThat(new ReadingsHaveNoDataGaps().run(sink, local).status()).isEqualTo(CheckStatus.PASSED);
        CheckResult inUtc = new ReadingsHaveNoDataGaps().run(sink, new CheckContext(Map.of()));
        assertThat(inUtc.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(inUtc.examples()).containsExactly("utility_c " + FIRST_DAY + ": 14 readings (typical: 24)");
    }

    @Test
    void selectsChecksByNameAcceptingThePredecessorsNames() {
        assertThat(DataQualityChecks.named(List.of("snowflake-readings-have-no-data-gaps", "meters-unique-by-device-id")))
                .extracting(DataQualityCheck::name)
                .containsExactly("readings-have-no-data-gaps", "meters-unique-by-device-id");
        assertThat(DataQualityChecks.named(List.of())).hasSize(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataQualityChecks.named(List.of("no-such-check")))
                .hasMessage("'no-such-check' is not a data-quality check; known: meters-unique-by-device-id, "
                        + "readings-unique-by-device-id-and-flowtime, readings-have-no-data-gaps");
        assertThat(Set.copyOf(DataQualityChecks.names())).hasSize(3);
    }
}
