package org.amiconnect.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OriginalTimestampTest {

    private static final long ARCHIVED = 1_741_557_600_000L; // 2025-03-09T22:00:00Z
    private static final long REPLAYED = 1_796_162_400_000L; // 2026-12-01T22:00:00Z

    @Test
    void aReplayedRecordWasFirstPublishedAtItsHeadersTime() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OriginalTimestamp.HEADER, OriginalTimestamp.encode(ARCHIVED));

        assertThat(OriginalTimestamp.of(headers, REPLAYED)).isEqualTo(ARCHIVED);
        assertThat(new String(OriginalTimestamp.encode(ARCHIVED), StandardCharsets.UTF_8)).isEqualTo("1741557600000");
    }

    @Test
    void aRecordWithoutTheHeaderWasFirstPublishedAtItsOwnTimestamp() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RunHeaders.RUN_ID, "run-1".getBytes(StandardCharsets.UTF_8));

        assertThat(OriginalTimestamp.of(headers, REPLAYED)).isEqualTo(REPLAYED);
    }

    @Test
    void aHeaderIsAddedOnceAndACopyOfACopyKeepsTheFirstTime() {
        RecordHeaders headers = new RecordHeaders();

        OriginalTimestamp.addIfAbsent(headers, ARCHIVED);
        OriginalTimestamp.addIfAbsent(headers, REPLAYED);

        assertThat(headers.headers(OriginalTimestamp.HEADER)).singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo("1741557600000".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHeaderThatIsNotMillisecondsIsAnErrorNamingIt() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OriginalTimestamp.HEADER, "2025-03-09T22:00:00Z".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> OriginalTimestamp.of(headers, REPLAYED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Header ami.original-timestamp is not epoch milliseconds: '2025-03-09T22:00:00Z'");
    }
}
