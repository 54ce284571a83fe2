package org.amiconnect.extractor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.amiconnect.core.config.BackfillConfig;
import org.junit.jupiter.api.Test;

class BackfillChunksTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void walksBackwardsFromTheEndDateAndCutsTheOldestChunkAtTheStartDate() {
        List<BackfillChunk> chunks = BackfillChunks.of(new BackfillConfig("org", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 1, 11), 3, "0 * * * *"), LA);

        assertThat(chunks).extracting(BackfillChunk::index).containsExactly(1, 2, 3, 4);
        assertThat(chunks).allSatisfy(c -> assertThat(c.count()).isEqualTo(4));
        assertThat(chunks.get(0).start()).isEqualTo(Instant.parse("2025-01-08T08:00:00Z"));
        assertThat(chunks.get(0).end()).isEqualTo(Instant.parse("2025-01-11T08:00:00Z"));
        assertThat(chunks.get(3).start()).isEqualTo(Instant.parse("2025-01-01T08:00:00Z"));
        assertThat(chunks.get(3).end()).isEqualTo(Instant.parse("2025-01-02T08:00:00Z"));
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).end()).isEqualTo(chunks.get(i - 1).start());
        }
    }

    @Test
    void chunksAreLocalDaysSoOneOverTheSpringDstChangeIsTwentyThreeHoursLong() {
        List<BackfillChunk> chunks = BackfillChunks.of(new BackfillConfig("org", LocalDate.of(2026, 3, 7),
                LocalDate.of(2026, 3, 10), 1, "0 * * * *"), LA);

        assertThat(chunks).extracting(c -> Duration.between(c.start(), c.end()).toHours()).containsExactly(24L, 23L, 24L);
    }

    @Test
    void aRangeThatDividesEvenlyHasNoShortChunk() {
        List<BackfillChunk> chunks = BackfillChunks.of(new BackfillConfig("org", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 1, 11), 5, "0 * * * *"), ZoneId.of("UTC"));

        assertThat(chunks).extracting(c -> Duration.between(c.start(), c.end()).toDays()).containsExactly(5L, 5L);
    }
}
