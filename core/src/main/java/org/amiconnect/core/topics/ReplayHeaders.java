package org.amiconnect.core.topics;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header a replay from the archive stamps on each record it re-publishes: the record's original Kafka timestamp.
 *
 * <p>A replay publishes with the time of the replay as the Kafka timestamp, because a broker deletes the records of a
 * topic by their timestamps (time-based retention, 7 days by default): records re-published with timestamps older
 * than that are deleted at its next retention check, within minutes, whether or not anyone has read them. The time
 * the record was first published (for a raw record, its extract time) travels in this header instead, and whoever
 * needs it as an event time reads it with {@link #originalTimestamp}.
 */
public final class ReplayHeaders {

    /** Epoch milliseconds (UTC) as decimal text: the Kafka timestamp the record had when it was first published. */
    public static final String ORIGINAL_TIMESTAMP = "ami.original-timestamp";

    private ReplayHeaders() {
    }

    /**
     * When a record was first published: its {@link #ORIGINAL_TIMESTAMP} header (the last one, when there are several)
     * if it has one, else its own Kafka timestamp.
     *
     * @param headers the record's headers
     * @param timestamp the record's Kafka timestamp, epoch milliseconds
     * @return epoch milliseconds
     * @throws IllegalArgumentException when the header is not a decimal number of milliseconds
     */
    public static long originalTimestamp(Headers headers, long timestamp) {
        Header h = headers.lastHeader(ORIGINAL_TIMESTAMP);
        if (h == null || h.value() == null) {
            return timestamp;
        }
        String text = new String(h.value(), StandardCharsets.UTF_8);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Header " + ORIGINAL_TIMESTAMP + " is not epoch milliseconds: '" + text
                    + "'", e);
        }
    }

    /** The header's value for a timestamp in epoch milliseconds. */
    public static byte[] encode(long timestamp) {
        return Long.toString(timestamp).getBytes(StandardCharsets.UTF_8);
    }
}
