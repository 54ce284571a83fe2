package org.amiconnect.core.topics;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header {@value #HEADER}: when a record's data was first published (for a raw record, its extract time), kept
 * apart from its Kafka timestamp, which is when this copy of it was published.
 *
 * <p>A broker deletes a topic's records by their Kafka timestamps (time-based retention, 7 days by default, checked
 * every 5 minutes): a record published with a timestamp older than that is deleted at the next check, whether or not
 * anyone has read it. So a replay from the archive (docs/archive.md) and the transformer (docs/transformer.md) publish
 * with the time they publish, and carry the earlier time in this header for whoever needs it as an event time: the
 * loader versions meters by it.
 */
public final class OriginalTimestamp {

    /** The header's key; its value is epoch milliseconds (UTC) as decimal text. */
    public static final String HEADER = "ami.original-timestamp";

    private OriginalTimestamp() {
    }

    /**
     * When a record's data was first published: its {@value #HEADER} header (the last one, when there are several) if
     * it has one, else its own Kafka timestamp.
     *
     * @param headers the record's headers
     * @param timestamp the record's Kafka timestamp, epoch milliseconds
     * @return epoch milliseconds
     * @throws IllegalArgumentException when the header is not a decimal number of milliseconds
     */
    public static long of(Headers headers, long timestamp) {
        Header h = headers.lastHeader(HEADER);
        if (h == null || h.value() == null) {
            return timestamp;
        }
        String text = new String(h.value(), StandardCharsets.UTF_8);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Header " + HEADER + " is not epoch milliseconds: '" + text + "'", e);
        }
    }

    /**
     * Adds the header with {@code timestamp} unless {@code headers} already has one (a record's data is first
     * published once: a copy of a copy keeps the first time).
     *
     * @param timestamp epoch milliseconds
     */
    public static void addIfAbsent(Headers headers, long timestamp) {
        if (headers.lastHeader(HEADER) == null) {
            headers.add(HEADER, encode(timestamp));
        }
    }

    /** The header's value for a timestamp in epoch milliseconds. */
    public static byte[] encode(long timestamp) {
        return Long.toString(timestamp).getBytes(StandardCharsets.UTF_8);
    }
}
