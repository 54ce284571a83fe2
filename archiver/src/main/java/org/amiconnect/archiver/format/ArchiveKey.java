package org.amiconnect.archiver.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an archive object lives: {@code <topic>/date=YYYY-MM-DD/<topic>+<partition>+<firstOffset>.avro}, relative to
 * the archive's root (the local folder, or the bucket and prefix). The first offset is zero-padded to 20 digits so that
 * keys sort in offset order; the date is the UTC date of the object's first record's timestamp (its ingest date).
 *
 * <p>Kafka topic names cannot contain {@code +} or {@code /}, so every key parses back unambiguously.
 */
public record ArchiveKey(String topic, int partition, long firstOffset, LocalDate date) implements Comparable<ArchiveKey> {

    public static final String SUFFIX = ".avro";
    static final int OFFSET_DIGITS = 20;
    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z0-9._-]+)/date=(\\d{4}-\\d{2}-\\d{2})/([A-Za-z0-9._-]+)\\+(\\d+)\\+(\\d{" + OFFSET_DIGITS + "})"
                    + Pattern.quote(SUFFIX));
    private static final Comparator<ArchiveKey> ORDER = Comparator.comparing(ArchiveKey::topic)
            .thenComparingInt(ArchiveKey::partition).thenComparingLong(ArchiveKey::firstOffset);

    /** The key of an object whose first record has this offset and timestamp (epoch milliseconds). */
    public static ArchiveKey of(String topic, int partition, long firstOffset, long timestampMillis) {
        return new ArchiveKey(topic, partition, firstOffset, dateOf(timestampMillis));
    }

    /** The UTC date of a record timestamp; records without a timestamp (-1) count as 1970-01-01. */
    public static LocalDate dateOf(long timestampMillis) {
        return Instant.ofEpochMilli(Math.max(0, timestampMillis)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Parses a key as {@link #path()} writes it.
     *
     * @throws IllegalArgumentException naming the key when it is not an archive object key
     */
    public static ArchiveKey parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches() || !m.group(1).equals(m.group(3))) {
            throw new IllegalArgumentException("'" + key + "' is not an archive object key; expected "
                    + "<topic>/date=YYYY-MM-DD/<topic>+<partition>+<20-digit first offset>.avro");
        }
        try {
            return new ArchiveKey(m.group(1), Integer.parseInt(m.group(4)), Long.parseLong(m.group(5)),
                    LocalDate.parse(m.group(2)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' is not an archive object key: " + e.getMessage(), e);
        }
    }

    /** True when {@code key} looks like an archive object key (other files in the archive are ignored). */
    public static boolean isKey(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() && m.group(1).equals(m.group(3));
    }

    /** The key prefix of every object of a topic. */
    public static String topicPrefix(String topic) {
        return topic + "/";
    }

    /** The key prefix of a topic's objects of one ingest date. */
    public static String datePrefix(String topic, LocalDate date) {
        return topic + "/date=" + date + "/";
    }

    public String path() {
        return datePrefix(topic, date) + topic + "+" + partition + "+" + String.format("%0" + OFFSET_DIGITS + "d",
                firstOffset) + SUFFIX;
    }

    @Override
    public int compareTo(ArchiveKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return path();
    }
}
