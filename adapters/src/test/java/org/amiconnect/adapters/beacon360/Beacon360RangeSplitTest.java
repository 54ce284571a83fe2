package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class Beacon360RangeSplitTest {

    private static final LocalDateTime START = LocalDateTime.parse("2026-06-10T00:00");

    @Test
    void aRangeUnderTheCapIsOneReport() {
        assertThat(Beacon360RangeSplit.split(START, START.plusDays(2), 10_000, 1_200_000))
                .containsExactly(new Beacon360RangeSplit.Range(START, START.plusDays(2)));
    }

    @Test
    void anUnknownConnectionCountDoesNotSplit() {
        assertThat(Beacon360RangeSplit.split(START, START.plusDays(30), 0, 1_200_000)).hasSize(1);
    }

    @Test
    void thirtyThousandConnectionsOverTwoDaysBecomeReportsOfFortyHours() {
        // 30,000 × 48 h = 1.44 M rows; 1.2 M / 30,000 = 40 hours per report
        List<Beacon360RangeSplit.Range> ranges = Beacon360RangeSplit.split(START, START.plusDays(2), 30_000, 1_200_000);

        assertThat(ranges).containsExactly(new Beacon360RangeSplit.Range(START, START.plusHours(40)),
                new Beacon360RangeSplit.Range(START.plusHours(40), START.plusHours(48)));
    }

    @Test
    void aRangeIsNeverSplitBelowOneHour() {
        List<Beacon360RangeSplit.Range> ranges = Beacon360RangeSplit.split(START, START.plusHours(3), 5_000_000,
                1_200_000);

        assertThat(ranges).hasSize(3).allMatch(r -> r.hours() == 1);
    }

    @Test
    void halvesSplitAtAWholeHourAndOneHourHasNone() {
        assertThat(Beacon360RangeSplit.halves(new Beacon360RangeSplit.Range(START, START.plusHours(5)))).containsExactly(
                new Beacon360RangeSplit.Range(START, START.plusHours(2)),
                new Beacon360RangeSplit.Range(START.plusHours(2), START.plusHours(5)));
        assertThat(Beacon360RangeSplit.halves(new Beacon360RangeSplit.Range(START, START.plusHours(1)))).isNull();
    }

    @Test
    void capMessagesAreRecognisedAndOtherExceptionsAreNot() {
        assertThat(Beacon360ReportTooLarge.describes("Export of 1440000 rows exceeds the maximum of 1200000 rows "
                + "per export; request a shorter date range")).isTrue();
        assertThat(Beacon360ReportTooLarge.describes("Report too large: too many rows")).isTrue();
        assertThat(Beacon360ReportTooLarge.describes("Internal error while generating the export")).isFalse();
    }
}
