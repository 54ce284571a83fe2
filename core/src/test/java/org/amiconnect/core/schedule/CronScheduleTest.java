package org.amiconnect.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        assertNextTickAfter(halfPastOne, "2026-10-31T12:00:00Z", "2026-11-01T08:30:00Z");
        assertNextTickAfter(halfPastOne, "2026-11-01T08:30:00Z", "2026-11-02T09:30:00Z");
    }

    @Test
    void dailyTickInsideTheSpringForwardGapFiresOnceRightAfterTheGap() {
        // 02:30 does not exist on 2026-03-08 in Los Angeles (02:00 PST jumps to 03:00 PDT = 10:00Z)
        CronSchedule nightly = CronSchedule.parse("30 2 * * *", LOS_ANGELES);

        assertThat(ticksOn(nightly, "2026-03-07T08:00:00Z", "2026-03-09T12:00:00Z"))
                .containsExactly(instants("2026-03-07T10:30:00Z", "2026-03-08T10:00:00Z", "2026-03-09T09:30:00Z"));
        assertLastTickAtOrBefore(nightly, "2026-03-08T09:59:59Z", "2026-03-07T10:30:00Z");
        assertLastTickAtOrBefore(nightly, "2026-03-08T10:00:00Z", "2026-03-08T10:00:00Z");
        assertLastTickAtOrBefore(nightly, "2026-03-08T18:00:00Z", "2026-03-08T10:00:00Z");
        assertThat(Instant.parse("2026-03-08T10:00:00Z").atZone(LOS_ANGELES).toLocalTime()).hasToString("03:00");
    }

    @Test
    void dailyTickInsideTheFallBackOverlapFiresOnceAtItsFirstOccurrence() {
        // 01:30 happens twice on 2026-11-01 in Los Angeles: 08:30Z (PDT) and 09:30Z (PST)
        CronSchedule halfPastOne = CronSchedule.parse("30 1 * * *", LOS_ANGELES);

        assertThat(ticksOn(halfPastOne, "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z"))
                .containsExactly(instants("2026-11-01T08:30:00Z"));
        // during the second pass through the repeated hour the latest tick is still the first 01:30
        assertLastTickAtOrBefore(halfPastOne, "2026-11-01T09:30:00Z", "2026-11-01T08:30:00Z");
        assertLastTickAtOrBefore(halfPastOne, "2026-11-01T09:45:00Z", "2026-11-01T08:30:00Z");
        assertNextTickAfter(halfPastOne, "2026-11-01T09:15:00Z", "2026-11-02T09:30:00Z");
    }

    @Test
    void midnightTickFiresOnceOnTheDayAZoneSkipsMidnight() {
        // America/Santiago springs forward at midnight: 2026-09-06 00:00 -04 becomes 01:00 -03 (04:00Z)
        ZoneId santiago = ZoneId.of("America/Santiago");
        CronSchedule midnight = CronSchedule.parse("0 0 * * *", santiago);

        assertThat(ticksOn(midnight, "2026-09-04T12:00:00Z", "2026-09-07T12:00:00Z"))
                .containsExactly(instants("2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"));
        assertLastTickAtOrBefore(midnight, "2026-09-06T12:00:00Z", "2026-09-06T04:00:00Z");
        assertThat(Instant.parse("2026-09-06T04:00:00Z").atZone(santiago).toLocalDateTime())
                .hasToString("2026-09-06T01:00");
    }

    @Test
    void lateEveningTickFiresOnceInTheHourAZoneRepeatsBeforeMidnight() {
        // America/Santiago falls back at midnight: 23:00-24:00 of 2026-04-04 happens at -03 and again at -04
        CronSchedule lateEvening = CronSchedule.parse("30 23 * * *", ZoneId.of("America/Santiago"));

        assertThat(ticksOn(lateEvening, "2026-04-04T12:00:00Z", "2026-04-05T12:00:00Z"))
                .containsExactly(instants("2026-04-05T02:30:00Z"));
        assertLastTickAtOrBefore(lateEvening, "2026-04-05T03:45:00Z", "2026-04-05T02:30:00Z");
    }

    @Test
    void everyLocalDayHasExactlyOneDailyTickAtEveryTimeOfDayThroughAYearOfChanges() {
        for (String zone : new String[]{"America/Los_Angeles", "America/Santiago", "Europe/Rome"}) {
            for (String time : new String[]{"0 0", "30 0", "30 1", "30 2", "59 23"}) {
                CronSchedule daily = CronSchedule.parse(time + " * * *", ZoneId.of(zone));
                Instant tick = daily.nextTickAfter(Instant.parse("2026-01-01T00:00:00Z")).orElseThrow();
                for (int day = 0; day < 365; day++) {
                    Instant next = daily.nextTickAfter(tick).orElseThrow();
                    assertThat(next.atZone(ZoneId.of(zone)).toLocalDate()).as("%s %s after %s", zone, time, tick)
                            .isEqualTo(tick.atZone(ZoneId.of(zone)).toLocalDate().plusDays(1));
                    assertThat(daily.lastTickAtOrBefore(next)).contains(next);
                    assertThat(daily.lastTickAtOrBefore(next.minusNanos(1))).contains(tick);
                    tick = next;
                }
            }
        }
    }

    @Test
    void everyMinuteInsideTheGapSharesTheOneTickAfterIt() {
        CronSchedule quarterly = CronSchedule.parse("*/15 * * * *", LOS_ANGELES);

        // 01:45 PST, then 02:00..02:45 (which do not exist) and 03:00 PDT all fire at 10:00Z, then 03:15 PDT
        assertThat(ticksOn(quarterly, "2026-03-08T09:40:00Z", "2026-03-08T10:20:00Z"))
                .containsExactly(instants("2026-03-08T09:45:00Z", "2026-03-08T10:00:00Z", "2026-03-08T10:15:00Z"));
    }

    /** The ticks in {@code [from, to)}, walking with {@link CronSchedule#nextTickAfter}. */
    private static void assertLastTickAtOrBefore(CronSchedule schedule, String at, String expectedTick) {
        assertThat(schedule.lastTickAtOrBefore(Instant.parse(at))).as("last tick at or before %s", at)
                .contains(Instant.parse(expectedTick));
    }

    private static void assertNextTickAfter(CronSchedule schedule, String after, String expectedTick) {
        assertThat(schedule.nextTickAfter(Instant.parse(after))).as("next tick after %s", after)
                .contains(Instant.parse(expectedTick));
    }

    private static Instant[] instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toArray(Instant[]::new);
    }

    private static List<Instant> ticksOn(CronSchedule schedule, String from, String to) {
        List<Instant> ticks = new ArrayList<>();
        Instant end = Instant.parse(to);
        Instant tick = schedule.nextTickAfter(Instant.parse(from).minusNanos(1)).orElseThrow();
        while (tick.isBefore(end)) {
            ticks.add(tick);
            tick = schedule.nextTickAfter(tick).orElseThrow();
        }
        return ticks;
    }

    @Test
    void evaluatesMinuteAndHourFieldsInTheScheduleZone() {
        CronSchedule everyTwoHours = CronSchedule.parse("45 */2 * * *", ZoneId.of("Europe/Rome"));

        assertNextTickAfter(everyTwoHours, "2025-07-01T00:00:00Z", "2025-07-01T00:45:00Z"); // 02:45 in Rome (+02:00)
        assertLastTickAtOrBefore(everyTwoHours, "2025-07-01T00:44:00Z", "2025-06-30T22:45:00Z"); // 00:45 in Rome
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
