package org.amiconnect.core.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses vendor timestamps into UTC instants.
 *
 * <p>A timestamp with an offset keeps it. A naive timestamp is local time in the source's configured time zone and is
 * localized DST-aware, with these defined answers for the two hours a year that are not a single instant:
 * <ul>
 *   <li><b>gap</b> (spring forward, e.g. 02:30 on 2026-03-08 in Los Angeles does not exist): the local time is moved
 *       forward by the length of the gap, i.e. read with the offset in force before the change (02:30 → 03:30 PDT =
 *       10:30Z);</li>
 *   <li><b>overlap</b> (fall back, e.g. 01:30 on 2026-11-01 happens twice): the <em>later</em> instant, standard
 *       time (01:30 PST = 09:30Z).</li>
 * </ul>
 * Both answers are the ones the Python predecessor produced (pytz {@code localize} with {@code is_dst=False}), so a
 * single timestamp re-loaded from its data lands on the same flowtime. What one timestamp cannot say, the other rows
 * of its source can: {@link ClockChangeResolver} tells the two reads of one device at the same overlap time apart
 * (the earlier gets the daylight offset, passed to {@link #parse(String, ZoneId, Integer)}) and finds a gap time that,
 * moved forward, collides with a real read.
 */
public final class VendorTimestamps {

    /** ISO-8601 with either {@code T} or a space, optional seconds and fraction, optional offset. */
    private static final DateTimeFormatter FLEXIBLE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private VendorTimestamps() {
    }

    /**
     * @param text a vendor timestamp, or null/blank
     * @param zone the zone naive timestamps were written in
     * @return the instant, or null for null/blank text
     * @throws DateTimeParseException when the text is not a timestamp
     */
    public static Instant parse(String text, ZoneId zone) {
        return parse(text, zone, null);
    }

    /**
     * As {@link #parse(String, ZoneId)}, with the UTC offset a naive time was resolved to from the other rows of its
     * source ({@code ExtractMetadata.local_time_offsets}). The offset is used when it is one the zone had at that local
     * time (in an overlap: either of the two); otherwise, and for null, the zone's default answer applies.
     *
     * @param resolvedOffsetSeconds the resolved offset in seconds east of UTC, or null
     */
    public static Instant parse(String text, ZoneId zone, Integer resolvedOffsetSeconds) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        LocalDateTime simple = parseSimple(s);
        if (simple != null) {
            return localize(simple, zone, resolvedOffsetSeconds);
        }
        if (s.length() == 10) {
            return localize(LocalDate.parse(s).atStartOfDay(), zone, resolvedOffsetSeconds);
        }
        var parsed = FLEXIBLE.parse(s);
        LocalDateTime local = local(parsed);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                    .toInstant();
        }
        return localize(local, zone, resolvedOffsetSeconds);
    }

    /**
     * The local date-time of a naive vendor timestamp, without placing it in a zone.
     *
     * @return the local date-time, or null for null/blank text and for a timestamp that carries its own offset
     * @throws DateTimeParseException when the text is not a timestamp
     */
    public static LocalDateTime parseLocal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        LocalDateTime simple = parseSimple(s);
        if (simple != null) {
            return simple;
        }
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        var parsed = FLEXIBLE.parse(s);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? null : local(parsed);
    }

    private static LocalDateTime local(java.time.temporal.TemporalAccessor parsed) {
        return LocalDateTime.of(
                parsed.get(ChronoField.YEAR), parsed.get(ChronoField.MONTH_OF_YEAR), parsed.get(ChronoField.DAY_OF_MONTH),
                parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
    }

    /**
     * The common vendor forms {@code yyyy-MM-dd HH:mm} and {@code yyyy-MM-dd HH:mm:ss} (space or {@code T}), read
     * without the general formatter: normalizing spends most of its time here. Null when the text has another form.
     */
    private static LocalDateTime parseSimple(String s) {
        int n = s.length();
        if ((n != 16 && n != 19) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
                || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || (n == 19 && s.charAt(16) != ':')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = n == 19 ? digits(s, 17, 2) : 0;
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        // LocalDateTime.of validates ranges (month 13, Feb 30) and throws DateTimeException like the formatter would
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException("invalid date or time: " + e.getMessage(), s, 0, e);
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Localizes a naive local time with the gap and overlap rules above. */
    public static Instant localize(LocalDateTime local, ZoneId zone) {
        // ofLocal moves gap times forward by the gap; withLaterOffsetAtOverlap picks standard time in the overlap
        return ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap().toInstant();
    }

    private static Instant localize(LocalDateTime local, ZoneId zone, Integer resolvedOffsetSeconds) {
        if (resolvedOffsetSeconds != null) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(resolvedOffsetSeconds);
            if (zone.getRules().isValidOffset(local, offset)) {
                return local.toInstant(offset);
            }
        }
        return localize(local, zone);
    }
}
