package org.amiconnect.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotation rules look at records only: count, encoded size, timestamps. */
class RotationPolicyTest {

    private static final long T0 = Instant.parse("2025-03-09T22:00:00Z").toEpochMilli();
    private static final RotationPolicy POLICY = new RotationPolicy(3, 100, Duration.ofMinutes(30));

    @TempDir
    Path dir;

    private ArchiveObjectBuilder open;

    @AfterEach
    void closeObject() {
        if (open != null) {
            open.close();
        }
    }

    private ArchiveObjectBuilder objectWith(long... timestamps) {
        open = new ArchiveObjectBuilder(ArchiveKey.of("t", 0, 0, timestamps[0]), timestamps[0], dir);
        for (int i = 0; i < timestamps.length; i++) {
            open.append(i, new byte[10], null, null);
        }
        return open;
    }

    @Test
    void anObjectIsFullAtTheRecordCount() {
        assertThat(POLICY.closeAfter(objectWith(T0, T0))).isEmpty();
        open.append(2, new byte[10], null, null);

        assertThat(POLICY.closeAfter(open)).contains(CloseReason.RECORDS);
    }

    @Test
    void aRecordThatWouldPassTheByteLimitStartsTheNextObject() {
        ArchiveObjectBuilder o = objectWith(T0, T0);

        assertThat(POLICY.closeBefore(o, T0, 80)).isEmpty();
        assertThat(POLICY.closeBefore(o, T0, 81)).contains(CloseReason.BYTES);
    }

    @Test
    void aSingleRecordLargerThanTheLimitGetsAnObjectOfItsOwn() {
        open = new ArchiveObjectBuilder(ArchiveKey.of("t", 0, 0, T0), T0, dir);

        assertThat(POLICY.closeBefore(open, T0, 500)).as("an empty object takes any record").isEmpty();
        open.append(0, new byte[500], null, null);
        assertThat(POLICY.closeAfter(open)).contains(CloseReason.BYTES);
    }

    @Test
    void aRecordTheIntervalAfterTheFirstStartsTheNextObject() {
        ArchiveObjectBuilder o = objectWith(T0);

        assertThat(POLICY.closeBefore(o, T0 + Duration.ofMinutes(30).toMillis() - 1, 1)).isEmpty();
        assertThat(POLICY.closeBefore(o, T0 + Duration.ofMinutes(30).toMillis(), 1)).contains(CloseReason.INTERVAL);
    }

    @Test
    void aRecordOfALaterUtcDateStartsTheNextObject() {
        long beforeMidnight = Instant.parse("2025-03-09T23:59:00Z").toEpochMilli();
        ArchiveObjectBuilder o = objectWith(beforeMidnight);

        assertThat(POLICY.closeBefore(o, beforeMidnight + 60_000, 1)).contains(CloseReason.DATE);
    }

    @Test
    void aTimestampSteppingBackStaysInTheObject() {
        long afterMidnight = Instant.parse("2025-03-10T00:00:30Z").toEpochMilli();
        ArchiveObjectBuilder o = objectWith(afterMidnight);

        assertThat(POLICY.closeBefore(o, afterMidnight - 60_000, 1)).isEqualTo(Optional.empty());
    }
}
