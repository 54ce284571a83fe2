package org.amiconnect.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock NOW = Clock.fixed(Instant.parse("2015-10-21T07:27:50Z"), ZoneOffset.UTC);

    @Test
    void secondsInJsonAsNumberOrAsNumericText() throws Exception {
        JsonNode args = JSON.readTree("[3, \"3\", \" 2.5 \", 0.05, \"soon\", null, -1, \"-4\", true, {\"s\": 3}]");

        assertThat(RetryAfter.ofSeconds(args.get(0))).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.ofSeconds(args.get(1))).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.ofSeconds(args.get(2))).contains(Duration.ofMillis(2500));
        assertThat(RetryAfter.ofSeconds(args.get(3))).contains(Duration.ofMillis(50));
        for (int i = 4; i < args.size(); i++) {
            assertThat(RetryAfter.ofSeconds(args.get(i))).as("%s", args.get(i)).isEmpty();
        }
        assertThat(RetryAfter.ofSeconds(args.path(42))).isEmpty();
    }

    @Test
    void headerAsDeltaSecondsOrAsAnHttpDate() {
        assertThat(RetryAfter.ofHeader("3", NOW)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.ofHeader(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.ofHeader("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(10));
        // a date already past asks for no wait at all
        assertThat(RetryAfter.ofHeader("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "soon", "-5", "Wednesday", "1e999999999"})
    void unusableHeaderIsEmpty(String value) {
        assertThat(RetryAfter.ofHeader(value, NOW)).isEmpty();
    }

    @Test
    void describesWaitsInSecondsAsWaited() {
        assertThat(RetryAfter.describe(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(RetryAfter.describe(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(RetryAfter.describe(Duration.ofMillis(50))).isEqualTo("0.05 s");
        assertThat(RetryAfter.describe(Duration.ZERO)).isEqualTo("0 s");
    }
}
