package org.amiconnect.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.sink.SinkLoopOptions;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesFromOneSecondUpToThirtyAndStartsOverAfterASuccess() {
        RetryBackoff backoff = new RetryBackoff(SinkLoopOptions.FIRST_RETRY, SinkLoopOptions.MAX_RETRY);
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pauses.add(backoff.next().toSeconds());
            backoff.failed();
        }
        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(backoff.firstInARow()).isFalse();

        backoff.succeeded();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.firstInARow()).isTrue();
    }

    @Test
    void doublesPerAttemptUpToTheCapWithTheLowerHalfFixed() {
        RetryBackoff noJitter = new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), bound -> 0);

        assertThat(noJitter.after(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.after(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(noJitter.after(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(noJitter.after(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterStaysWithinTheDoubledWait() {
        RetryBackoff fullJitter = new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), bound -> bound);
        RetryBackoff random = RetryBackoff.withEqualJitter(Duration.ofSeconds(30), Duration.ofMinutes(10));

        assertThat(fullJitter.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(fullJitter.after(3)).isEqualTo(Duration.ofMinutes(2));
        for (int i = 0; i < 200; i++) {
            assertThat(random.after(2)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }
}
