package org.amiconnect.archiver.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ArchiveKeyTest {

    private static final String TOPIC = "prod.ami.raw.beacon360.meter-read";

    @Test
    void keyNamesTopicIngestDatePartitionAndZeroPaddedFirstOffset() {
        ArchiveKey key = ArchiveKey.of(TOPIC, 2, 1234, Instant.parse("2025-03-09T23:59:59.999Z").toEpochMilli());

        assertThat(key.path()).isEqualTo("prod.ami.raw.beacon360.meter-read/date=2025-03-09/"
                + "prod.ami.raw.beacon360.meter-read+2+00000000000000001234.avro");
    }

    @Test
    void ingestDateIsTheUtcDateOfTheFirstRecordsTimestamp() {
        assertThat(ArchiveKey.of(TOPIC, 0, 0, Instant.parse("2025-03-10T00:00:00Z").toEpochMilli()).date())
                .isEqualTo(LocalDate.of(2025, 3, 10));
        // a record without a timestamp (-1) is dated at the epoch rather than failing
        assertThat(ArchiveKey.of(TOPIC, 0, 0, -1).date()).isEqualTo(LocalDate.of(1970, 1, 1));
    }

    @Test
    void keysSortInOffsetOrderWithinAPartition() {
        List<String> paths = new ArrayList<>();
        for (long offset : new long[] {9, 10, 100, 99_999, 1_000_000_000_000L}) {
            paths.add(ArchiveKey.of(TOPIC, 1, offset, 0).path());
        }
        List<String> shuffled = new ArrayList<>(paths);
        Collections.shuffle(shuffled);
        Collections.sort(shuffled);

        assertThat(shuffled).isEqualTo(paths);
    }

    @Test
    void parsesWhatItWrites() {
        ArchiveKey key = new ArchiveKey(TOPIC, 11, Long.MAX_VALUE, LocalDate.of(2024, 2, 29));

        assertThat(ArchiveKey.parse(key.path())).isEqualTo(key);
        assertThat(ArchiveKey.isKey(key.path())).isTrue();
    }

    @Test
    void keysOfTwoIncarnationsOfATopicDifferAndKeysWithoutOneStillParse() {
        ArchiveKey before = ArchiveKey.of(TOPIC, "u4NylhEaRZ2sQk1vJ1mR3w", 0, 0, 0);
        ArchiveKey after = ArchiveKey.of(TOPIC, "4ef0s29IQ-6_xvQm1NwTQA", 0, 0, 0);

        assertThat(before.path()).endsWith("+0+00000000000000000000+u4NylhEa.avro");
        assertThat(after.path()).isNotEqualTo(before.path()).endsWith("+4ef0s29I.avro");
        assertThat(ArchiveKey.parse(after.path())).isEqualTo(after);
        ArchiveKey legacy = ArchiveKey.parse(TOPIC + "/date=1970-01-01/" + TOPIC + "+0+00000000000000000000.avro");
        assertThat(legacy.incarnation()).isNull();
        assertThat(ArchiveKey.of(TOPIC, null, 0, 0, 0)).isEqualTo(legacy);
    }

    @Test
    void rejectsKeysThatAreNotArchiveObjectsNamingTheKey() {
        assertThatThrownBy(() -> ArchiveKey.parse("t/date=2025-01-01/t+0+12.avro"))
                .hasMessageContaining("'t/date=2025-01-01/t+0+12.avro' is not an archive object key");
        // the topic in the folder and in the file name must agree
        assertThat(ArchiveKey.isKey("a/date=2025-01-01/b+0+00000000000000000000.avro")).isFalse();
        assertThat(ArchiveKey.isKey("a/date=2025-01-01/.a+0+00000000000000000000.avro.tmp")).isFalse();
        assertThatThrownBy(() -> ArchiveKey.parse("a/date=2025-02-30/a+0+00000000000000000000.avro"))
                .hasMessageContaining("is not an archive object key");
    }

    @Test
    void objectsOrderByTopicPartitionAndFirstOffset() {
        ArchiveKey a = new ArchiveKey(TOPIC, 0, 500, LocalDate.of(2025, 1, 2));
        ArchiveKey b = new ArchiveKey(TOPIC, 1, 0, LocalDate.of(2025, 1, 1));
        ArchiveKey c = new ArchiveKey(TOPIC, 1, 7, LocalDate.of(2025, 1, 1));

        List<ArchiveKey> keys = new ArrayList<>(List.of(c, b, a));
        Collections.sort(keys);

        assertThat(keys).containsExactly(a, b, c);
    }
}
