package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How the extractor's options are built: the defaults, what a change keeps, what is refused. */
class ExtractorOptionsTest {

    @Test
    void aChangedRetryBackoffKeepsEveryOtherOption() {
        ExtractorOptions defaults = ExtractorOptions.defaults().withInstanceId("it");

        ExtractorOptions changed = defaults.withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

        assertThat(changed.retryBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(changed.maxRetryBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(changed.withRetryBackoff(ExtractorOptions.DEFAULT_RETRY_BACKOFF,
                ExtractorOptions.DEFAULT_MAX_RETRY_BACKOFF)).isEqualTo(defaults);
    }

    @Test
    void fewerThanOneAttemptOrRecordPerTransactionIsRefused() {
        assertThatThrownBy(() -> ExtractorOptions.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be at least 1 but was 0");
        assertThatThrownBy(() -> ExtractorOptions.defaults().withMaxRecordsPerTransaction(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordsPerTransaction must be at least 1 but was 0");
    }
}
