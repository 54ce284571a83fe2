package org.amiconnect.adapters.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the wait a vendor asks for before the next attempt, in the forms vendors write it: the HTTP
 * {@code Retry-After} header (delta-seconds or an HTTP-date, RFC 9110 §10.2.3) and a number of seconds in a JSON
 * answer, given as a JSON number or as numeric text ({@code 3}, {@code "3"}, {@code "2.5"}). Anything else, and
 * negative values, are "no usable wait" (empty), for the caller's own backoff.
 */
public final class RetryAfter {

    /** Waits are kept to the millisecond. */
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);
    /** Longer waits are nonsense (the run times out long before); they are treated as none. */
    private static final BigDecimal LONGEST = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

    private RetryAfter() {
    }

    /** A {@code Retry-After} header value; an HTTP-date is turned into the time left until it (zero when past). */
    public static Optional<Duration> ofHeader(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = ofSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration left = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Seconds as a JSON number or numeric text; empty for a missing node, other text, or a negative number. */
    public static Optional<Duration> ofSeconds(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return seconds(node.decimalValue());
        }
        return node.isTextual() ? ofSeconds(node.textValue()) : Optional.empty();
    }

    /** Seconds written as text ({@code "3"}, {@code " 2.5 "}); empty for anything else or a negative number. */
    public static Optional<Duration> ofSeconds(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return seconds(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A wait for messages: {@code 3 s}, {@code 2.5 s}, {@code 0.05 s}. */
    public static String describe(Duration wait) {
        return BigDecimal.valueOf(wait.toMillis()).divide(MILLIS_PER_SECOND).stripTrailingZeros().toPlainString() + " s";
    }

    private static Optional<Duration> seconds(BigDecimal seconds) {
        if (seconds.signum() < 0 || seconds.compareTo(LONGEST) > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(seconds.multiply(MILLIS_PER_SECOND).setScale(0, RoundingMode.CEILING)
                    .longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
