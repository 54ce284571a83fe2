package org.amiconnect.archiver.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an archive object lives: {@code <topic>/date=YYYY-MM-DD/<topic>+<partition>+<firstOffset>+<incarnation>.avro},
 * relative to the archive's root (the local folder, or the bucket and prefix). The first offset is zero-padded to 20
 * digits so that keys sort in offset order; the date is the UTC date of the object's first record's timestamp (its
 * ingest date).
 *
 * <p>The incarnation is the first {@value #INCARNATION_CHARS} characters of the Kafka topic id: a topic deleted and
 * created again (or a wiped broker, or a new cluster) starts its offsets at 0 again, and without it a new object could
 * have the key of an old one. Keys written before the incarnation was added, or of a topic without an id, have none
 * ({@code <topic>+<partition>+<firstOffset>.avro}) and are still read.
 *
 * <p>Kafka topic names cannot contain {@code +} or {@code /}, so every key parses back unambiguously.
 *
 * @param incarnation the short topic id, or null
 */
public record ArchiveKey(String topic, int partition, long firstOffset, LocalDate date, String incarnation)
        implements Comparable<ArchiveKey> {

    public static final String SUFFIX = ".avro";
    static final int OFFSET_DIGITS = 20;
    /** Characters of the topic id in a key: 48 bits of a random id, so two incarnations practically never share one. */
    static final int INCARNATION_CHARS = 8;
    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z0-9._-]+)/date=(\\d{4}-\\d{2}-\\d{2})/([A-Za-z0-9._-]+)\\+(\\d+)\\+(\\d{" + OFFSET_DIGITS + "})"
                    + "(?:\\+([A-Za-z0-9_-]{" + INCARNATION_CHARS + "}))?" + Pattern.quote(SUFFIX));
    private static final Comparator<ArchiveKey> ORDER = Comparator.comparing(ArchiveKey::topic)
            .thenComparingInt(ArchiveKey::partition).thenComparingLong(ArchiveKey::firstOffset)
            .thenComparing(ArchiveKey::date)
            .thenComparing(ArchiveKey::incarnation, Comparator.nullsFirst(Comparator.naturalOrder()));

    public ArchiveKey {
        if (incarnation != null && !incarnation.matches("[A-Za-z0-9_-]{" + INCARNATION_CHARS + "}")) {
            throw new IllegalArgumentException("'" + incarnation + "' is not a topic incarnation (the first "
                    + INCARNATION_CHARS + " characters of a topic id)");
        }
    }

    /** A key without an incarnation, as keys were written before topic ids were part of them. */
    public ArchiveKey(String topic, int partition, long firstOffset, LocalDate date) {
        this(topic, partition, firstOffset, date, null);
    }

    /** The key of an object whose first record has this offset and timestamp (epoch milliseconds). */
    public static ArchiveKey of(String topic, int partition, long firstOffset, long timestampMillis) {
        return new ArchiveKey(topic, partition, firstOffset, dateOf(timestampMillis));
    }

    /**
     * The key of an object of the topic with this Kafka topic id (null when the topic has none) whose first record has
     * this offset and timestamp (epoch milliseconds).
     */
    public static ArchiveKey of(String topic, String topicId, int partition, long firstOffset, long timestampMillis) {
        return new ArchiveKey(topic, partition, firstOffset, dateOf(timestampMillis), incarnationOf(topicId));
    }

    /** The incarnation part of a key for a topic id: its first characters, or null when there is no id. */
    public static String incarnationOf(String topicId) {
        return topicId == null || topicId.length() < INCARNATION_CHARS ? null
                : topicId.substring(0, INCARNATION_CHARS);
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
                    + "<topic>/date=YYYY-MM-DD/<topic>+<partition>+<20-digit first offset>[+<topic incarnation>].avro");
        }
        try {
            return new ArchiveKey(m.group(1), Integer.parseInt(m.group(4)), Long.parseLong(m.group(5)),
                    LocalDate.parse(m.group(2)), m.group(6));
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
                firstOffset) + (incarnation == null ? "" : "+" + incarnation) + SUFFIX;
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
