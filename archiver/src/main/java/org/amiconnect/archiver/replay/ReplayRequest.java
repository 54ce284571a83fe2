package org.amiconnect.archiver.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Which archived records to replay, and where to.
 *
 * @param topic the archived topic
 * @param org only records of this org (by the {@code <org_id>|...} record key), or all
 * @param from only records with a timestamp at or after this, or all
 * @param to only records with a timestamp before this, or all
 * @param toTopic the topic to publish to; the archived topic when empty
 */
public record ReplayRequest(String topic, Optional<String> org, Optional<Instant> from, Optional<Instant> to,
        Optional<String> toTopic) {

    public ReplayRequest {
        Objects.requireNonNull(topic, "topic");
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw new IllegalArgumentException("--to " + to.get() + " is not after --from " + from.get());
        }
    }

    /** Every archived record of a topic, back to the same topic. */
    public static ReplayRequest all(String topic) {
        return new ReplayRequest(topic, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String targetTopic() {
        return toTopic.orElse(topic);
    }

    /** Whether a record timestamp is in the range. */
    public boolean inRange(long timestampMillis) {
        return from.map(f -> timestampMillis >= f.toEpochMilli()).orElse(true)
                && to.map(t -> timestampMillis < t.toEpochMilli()).orElse(true);
    }

    /**
     * Whether an object of this ingest date can hold records of the range. Objects are dated by their first record and
     * hold records of that date or earlier ones whose timestamps stepped back, so the day after the range is read too.
     */
    public boolean mayHold(LocalDate objectDate) {
        boolean afterStart = from.map(f -> !objectDate.isBefore(f.atZone(ZoneOffset.UTC).toLocalDate())).orElse(true);
        boolean beforeEnd = to.map(t -> !objectDate.isAfter(t.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1)))
                .orElse(true);
        return afterStart && beforeEnd;
    }
}
