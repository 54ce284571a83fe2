package org.amiconnect.extractor.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.config.BackfillConfig;

/**
 * Splits a backfill into {@code interval_days} chunks, walking <b>backwards</b> from {@code end_date} as the Python
 * AMI Connect did: the most recent (most asked-for) data arrives first, and the oldest chunk is the one cut short at
 * {@code start_date}. Days are the source's local days, so a chunk over a DST change is 23 or 25 hours long.
 */
public final class BackfillChunks {

    private BackfillChunks() {
    }

    public static List<BackfillChunk> of(BackfillConfig backfill, ZoneId zone) {
        long days = ChronoUnit.DAYS.between(backfill.startDate(), backfill.endDate());
        int count = (int) ((days + backfill.intervalDays() - 1) / backfill.intervalDays());
        List<BackfillChunk> chunks = new ArrayList<>(count);
        LocalDate end = backfill.endDate();
        for (int i = 1; i <= count; i++) {
            LocalDate start = end.minusDays(backfill.intervalDays());
            if (start.isBefore(backfill.startDate())) {
                start = backfill.startDate();
            }
            chunks.add(new BackfillChunk(i, count, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant()));
            end = start;
        }
        return chunks;
    }
}
