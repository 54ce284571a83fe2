package org.amiconnect.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SinkLoopOptionsTest {

    private final SinkLoopOptions options = SinkLoopOptions.of("Test sink", "test-sink", "memory",
            "the stored offsets", Duration.ofMillis(100));

    @Test
    void retriesAfterOneSecondUpToThirtyUnlessSetOtherwise() {
        assertThat(options.firstRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxRetry()).isEqualTo(Duration.ofSeconds(30));
        SinkLoopOptions quick = options.withRetry(Duration.ofMillis(50), Duration.ofMillis(200));
        assertThat(quick.firstRetry()).isEqualTo(Duration.ofMillis(50));
        assertThat(quick.maxRetry()).isEqualTo(Duration.ofMillis(200));
        assertThat(quick.name()).isEqualTo("Test sink");
        assertThat(quick.maxPoll()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsPausesThatAreNotPositiveOrOutOfOrder() {
        assertThatThrownBy(() -> options.withRetry(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("firstRetry must be positive, not PT0S");
        assertThatThrownBy(() -> options.withRetry(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetry PT1S is shorter than firstRetry PT2S");
        assertThatThrownBy(() -> SinkLoopOptions.of("Test sink", "test-sink", "memory", "the stored offsets",
                Duration.ofMillis(-1))).hasMessage("maxPoll must be positive, not PT-0.001S");
    }
}
