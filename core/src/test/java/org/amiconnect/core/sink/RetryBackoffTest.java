package org.amiconnect.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
}
