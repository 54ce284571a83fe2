package org.amiconnect.adapters.beacon360;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a report range so that no report exceeds Beacon's row cap: a report holds one row per connection and hour
 * (python-ami-connect §2.2: "API caps reports at ~1.2 M rows (connections × days × 24) → keep ranges to a few days").
 */
final class Beacon360RangeSplit {

    /** One report's range: local wall-clock times, start inclusive, end exclusive. */
    record Range(LocalDateTime start, LocalDateTime end) {

        /** Whole hours the range spans (a part of an hour counts as one, as the report holds a row for it). */
        long hours() {
            return (Duration.between(start, end).toMinutes() + 59) / 60;
        }
    }

    private Beacon360RangeSplit() {
    }

    /**
     * @param connections the expected number of connections (meters) in a report; 0 or less when unknown (then the
     *     range is not split)
     * @param rowCap the most rows one report may hold
     * @return consecutive ranges covering [{@code start}, {@code end}), each of whole hours except possibly the last,
     *     each expected to hold at most {@code rowCap} rows (at least one hour each, even when one hour is over the cap)
     */
    static List<Range> split(LocalDateTime start, LocalDateTime end, long connections, long rowCap) {
        Range whole = new Range(start, end);
        if (connections <= 0 || whole.hours() * connections <= rowCap) {
            return List.of(whole);
        }
        long hoursPerReport = Math.max(1, rowCap / connections);
        List<Range> ranges = new ArrayList<>();
        LocalDateTime from = start;
        while (from.isBefore(end)) {
            LocalDateTime to = from.plusHours(hoursPerReport);
            if (to.isAfter(end)) {
                to = end;
            }
            ranges.add(new Range(from, to));
            from = to;
        }
        return ranges;
    }

    /** The two halves of a range, split at a whole hour; null when it spans less than two hours. */
    static List<Range> halves(Range range) {
        long hours = range.hours();
        if (hours < 2) {
            return null;
        }
        LocalDateTime middle = range.start().plusHours(hours / 2);
        return List.of(new Range(range.start(), middle), new Range(middle, range.end()));
    }
}
