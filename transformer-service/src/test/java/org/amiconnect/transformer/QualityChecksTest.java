package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class QualityChecksTest {

    @Test
    void isAfterComparesAsInstantIsAfter() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            long ms = random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L);
            Instant t = switch (i % 4) {
                case 0 -> Instant.ofEpochMilli(ms);
                case 1 -> Instant.ofEpochMilli(ms).plusNanos(random.nextInt(3) - 1);
                case 2 -> Instant.ofEpochMilli(ms + random.nextInt(3) - 1);
                default -> Instant.ofEpochSecond(ms / 1000 + random.nextInt(3) - 1, random.nextInt(1_000_000_000));
            };
            assertThat(QualityChecks.isAfter(t, ms)).as("%s after %d ms", t, ms)
                    .isEqualTo(t.isAfter(Instant.ofEpochMilli(ms)));
        }
    }
}
