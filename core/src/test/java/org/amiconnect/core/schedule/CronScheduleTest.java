package org.amiconnect.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Five-field cron in a source's zone: noon stays noon local time across DST changes. */
class CronScheduleTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final CronSchedule NOON = CronSchedule.parse("0 12 * * *", LOS_ANGELES);

    @ParameterizedTest(name = "last tick at or before {0} is {1}")
    @CsvSource({
            // spring forward on 2026-03-08: noon PST = 20:00Z before, noon PDT = 19:00Z after
            "2026-03-07T21:00:00Z, 2026-03-07T20:00:00Z",
            "2026-03-08T18:59:59Z, 2026-03-07T20:00:00Z",
            "2026-03-08T19:00:00Z, 2026-03-08T19:00:00Z",
            "2026-03-08T19:00:30Z, 2026-03-08T19:00:00Z",
            "2026-03-09T18:00:00Z, 2026-03-08T19:00:00Z",
            // fall back on 2026-11-01: noon PDT = 19:00Z before, noon PST = 20:00Z after
            "2026-10-31T19:30:00Z, 2026-10-31T19:00:00Z",
            "2026-11-01T19:30:00Z, 2026-10-31T19:00:00Z",
            "2026-11-01T20:00:00Z, 2026-11-01T20:00:00Z",
            "2026-11-02T19:59:59Z, 2026-11-01T20:00:00Z"})
    void lastTickIsNoonLocalTimeOnBothSidesOfDstChanges(Instant now, Instant expected) {
        assertThat(NOON.lastTickAtOrBefore(now)).contains(expected);
    }

    @ParameterizedTest(name = "next tick after {0} is {1}")
    @CsvSource({
            "2026-03-07T20:00:00Z, 2026-03-08T19:00:00Z",
            "2026-03-08T18:59:59Z, 2026-03-08T19:00:00Z",
            "2026-03-08T19:00:00Z, 2026-03-09T19:00:00Z",
            "2026-10-31T19:00:00Z, 2026-11-01T20:00:00Z",
            "2026-11-01T20:00:00Z, 2026-11-02T20:00:00Z"})
    void nextTickIsStrictlyAfterAndNoonLocalTime(Instant after, Instant expected) {
        assertThat(NOON.nextTickAfter(after)).contains(expected);
    }

    @Test
    void ticksAreNoonLocalEveryDayThroughBothDstChanges() {
        Instant tick = Instant.parse("2026-03-01T20:00:00Z");
        for (int day = 0; day < 300; day++) {
            tick = NOON.nextTickAfter(tick).orElseThrow();
            assertThat(tick.atZone(LOS_ANGELES).getHour()).as("tick %s", tick).isEqualTo(12);
            assertThat(tick.atZone(LOS_ANGELES).getMinute()).isZero();
        }
    }

    @Test
    void dailyTickInTheRepeatedFallBackHourFiresOnceAtItsFirstOccurrence() {
        CronSchedule halfPastOne = CronSchedule.parse("30 1 * * *", LOS_ANGELES);

        // 01:30 PDT = 08:30Z; the second 01:30 (PST, 09:30Z) is not a further tick
        assertThat(halfPastOne.nextTickAfter(Instant.parse("2026-10-31T12:00:00Z")))
                .contains(Instant.parse("2026-11-01T08:30:00Z"));
        assertThat(halfPastOne.nextTickAfter(Instant.parse("2026-11-01T08:30:00Z")))
                .contains(Instant.parse("2026-11-02T09:30:00Z"));
    }

    @Test
    void evaluatesMinuteAndHourFieldsInTheScheduleZone() {
        CronSchedule everyTwoHours = CronSchedule.parse("45 */2 * * *", ZoneId.of("Europe/Rome"));

        assertThat(everyTwoHours.nextTickAfter(Instant.parse("2025-07-01T00:00:00Z")))
                .contains(Instant.parse("2025-07-01T00:45:00Z")); // 02:45 in Rome (+02:00)
        assertThat(everyTwoHours.lastTickAtOrBefore(Instant.parse("2025-07-01T00:44:00Z")))
                .contains(Instant.parse("2025-06-30T22:45:00Z")); // 00:45 in Rome
    }

    @Test
    void keepsExpressionAndZone() {
        assertThat(NOON.expression()).isEqualTo("0 12 * * *");
        assertThat(NOON.zone()).isEqualTo(LOS_ANGELES);
        assertThat(NOON).hasToString("0 12 * * * (America/Los_Angeles)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 25 * * *", "61 * * * *", "* * * *", "0 0 12 * * *", "every day", "@daily"})
    void invalidExpressionIsRejectedNamingIt(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression, LOS_ANGELES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + expression + "' is not a five-field cron expression (");
        assertThat(CronSchedule.problem(expression))
                .startsWith("'" + expression + "' is not a five-field cron expression (minute hour day-of-month month "
                        + "day-of-week): ");
    }

    @Test
    void problemSaysWhatIsWrong() {
        assertThat(CronSchedule.problem("0 25 * * *")).isEqualTo("'0 25 * * *' is not a five-field cron expression "
                + "(minute hour day-of-month month day-of-week): Failed to parse cron expression. Value 25 not in range [0, 23]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 12 * * *", "45 */2 * * *", "15 * * * *", "* 1 * * *", "0 12 3 * *", "0 10 * * 1-5"})
    void validExpressionsHaveNoProblem(String expression) {
        assertThat(CronSchedule.problem(expression)).isNull();
    }
}
