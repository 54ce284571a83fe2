package org.amiconnect.loader.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DailyGapsTest {

    private static final LocalDate START = LocalDate.of(2024, 6, 1);

    private static Map<LocalDate, Long> everyDay(int days, long readings) {
        Map<LocalDate, Long> counts = new HashMap<>();
        for (int i = 0; i < days; i++) {
            counts.put(START.plusDays(i), readings);
        }
        return counts;
    }

    @Test
    void findsNothingInSteadyData() {
        assertThat(DailyGaps.find(everyDay(90, 2_400))).isEmpty();
        assertThat(DailyGaps.find(Map.of())).isEmpty();
    }

    @Test
    void flagsADayWithoutReadingsAndADayBelowSeventyPercentOfTheTypicalCount() {
        Map<LocalDate, Long> counts = everyDay(90, 1_000);
        counts.remove(START.plusDays(10));
        counts.put(START.plusDays(20), 699L);
        counts.put(START.plusDays(30), 700L);

        assertThat(DailyGaps.find(counts)).containsExactly(
                new DailyGaps.Gap(START.plusDays(10), 0, 1_000),
                new DailyGaps.Gap(START.plusDays(20), 699, 1_000));
    }

    @Test
    void leavesTheTwoNewestDaysOutBecauseTheyMayStillBeLoading() {
        Map<LocalDate, Long> counts = everyDay(30, 1_000);
        counts.put(START.plusDays(28), 5L);
        counts.put(START.plusDays(27), 5L);

        assertThat(DailyGaps.find(counts)).extracting(DailyGaps.Gap::day).containsExactly(START.plusDays(27));
    }

    @Test
    void comparesEachDayWithTheDaysTwoMonthsEitherSideOnly() {
        // a utility that doubled its meters on day 120: only the days whose window reaches two doubled days look low
        Map<LocalDate, Long> counts = everyDay(240, 1_000);
        for (int i = 120; i < 240; i++) {
            counts.put(START.plusDays(i), 2_000L);
        }

        assertThat(DailyGaps.find(counts)).extracting(DailyGaps.Gap::day)
                .allSatisfy(d -> assertThat(d).isBetween(START.plusDays(59), START.plusDays(119)))
                .contains(START.plusDays(59), START.plusDays(119))
                .doesNotContain(START.plusDays(10), START.plusDays(58), START.plusDays(120));
    }

    @Test
    void interpolatesTheNinetyNinthPercentileLikePercentileCont() {
        assertThat(DailyGaps.percentile(new long[] {10, 20})).isEqualTo(19.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(DailyGaps.percentile(new long[] {5})).isEqualTo(5.0);
        assertThat(DailyGaps.percentile(new long[] {})).isZero();
        long[] hundredAndOne = new long[101];
        for (int i = 0; i <= 100; i++) {
            hundredAndOne[i] = i;
        }
        assertThat(DailyGaps.percentile(hundredAndOne)).isEqualTo(99.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
