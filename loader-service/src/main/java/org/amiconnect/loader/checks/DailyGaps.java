package org.amiconnect.loader.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The predecessor's gap rule for one org's daily reading counts: over a calendar from the first day with readings to
 * two days before the last (the newest days may still be loading), a day is a gap when it has no readings, or fewer
 * than 70 % of its threshold: the 99th percentile (continuous) of the counts of the calendar days within two months
 * either side of it, the day itself left out.
 */
public final class DailyGaps {

    static final double SHARE_OF_THRESHOLD = 0.7;
    static final double PERCENTILE = 0.99;
    static final int WINDOW_MONTHS = 2;
    static final int NEWEST_DAYS_LEFT_OUT = 2;

    /** A day that looks incomplete. */
    public record Gap(LocalDate day, long readings, double threshold) {

        @Override
        public String toString() {
            return day + ": " + readings + " readings (typical: " + Math.round(threshold) + ")";
        }
    }

    private DailyGaps() {
    }

    /** The gaps among these daily counts (days without an entry count as 0), oldest first. */
    public static List<Gap> find(Map<LocalDate, Long> readingsPerDay) {
        if (readingsPerDay.isEmpty()) {
            return List.of();
        }
        TreeMap<LocalDate, Long> counts = new TreeMap<>(readingsPerDay);
        LocalDate first = counts.firstKey();
        LocalDate end = counts.lastKey().minusDays(NEWEST_DAYS_LEFT_OUT);
        List<LocalDate> calendar = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(end); d = d.plusDays(1)) {
            calendar.add(d);
        }
        long[] values = calendar.stream().mapToLong(d -> counts.getOrDefault(d, 0L)).toArray();
        List<Gap> gaps = new ArrayList<>();
        for (int i = 0; i < calendar.size(); i++) {
            LocalDate day = calendar.get(i);
            double threshold = percentile(window(calendar, values, i, day));
            if (values[i] == 0 || values[i] < SHARE_OF_THRESHOLD * threshold) {
                gaps.add(new Gap(day, values[i], threshold));
            }
        }
        return Collections.unmodifiableList(gaps);
    }

    private static long[] window(List<LocalDate> calendar, long[] values, int index, LocalDate day) {
        LocalDate from = day.minusMonths(WINDOW_MONTHS);
        LocalDate to = day.plusMonths(WINDOW_MONTHS);
        List<Long> in = new ArrayList<>();
        for (int j = 0; j < calendar.size(); j++) {
            LocalDate d = calendar.get(j);
            if (j != index && !d.isBefore(from) && !d.isAfter(to)) {
                in.add(values[j]);
            }
        }
        return in.stream().mapToLong(Long::longValue).toArray();
    }

    /** PERCENTILE_CONT: linear interpolation between the closest ranks; 0 for no values. */
    static double percentile(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = PERCENTILE * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
