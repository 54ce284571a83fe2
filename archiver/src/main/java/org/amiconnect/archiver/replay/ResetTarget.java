package org.amiconnect.archiver.replay;

import java.time.Instant;

/** Where to move a consumer group's offsets, as {@code kafka-consumer-groups --reset-offsets} names the choices. */
public sealed interface ResetTarget {

    /** For the plan's heading, e.g. {@code --to-datetime 2025-01-31T00:00:00Z}. */
    String describe();

    /**
     * The new offset of a partition.
     *
     * @param earliest the partition's oldest offset
     * @param latest the partition's end offset
     * @param atTime for {@link ToDatetime}: the first offset at or after the time, -1 when there is none
     */
    long offset(long earliest, long latest, long atTime);

    /** The first offset whose record timestamp is at or after {@code time}; the end when there is none. */
    record ToDatetime(Instant time) implements ResetTarget {
        @Override
        public String describe() {
            return "--to-datetime " + time;
        }

        @Override
        public long offset(long earliest, long latest, long atTime) {
            // no record at or after the time: the end, as kafka-consumer-groups does
            return atTime < 0 ? latest : atTime;
        }
    }

    /** This offset, moved into the range the partition still holds. */
    record ToOffset(long offset) implements ResetTarget {
        @Override
        public String describe() {
            return "--to-offset " + offset;
        }

        @Override
        public long offset(long earliest, long latest, long atTime) {
            return Math.max(earliest, Math.min(latest, offset));
        }
    }

    /** The oldest offset the partition still holds. */
    record ToEarliest() implements ResetTarget {
        @Override
        public String describe() {
            return "--to-earliest";
        }

        @Override
        public long offset(long earliest, long latest, long atTime) {
            return earliest;
        }
    }

    /** The end of the partition: skip everything not yet consumed. */
    record ToLatest() implements ResetTarget {
        @Override
        public String describe() {
            return "--to-latest";
        }

        @Override
        public long offset(long earliest, long latest, long atTime) {
            return latest;
        }
    }
}
