package org.amiconnect.cli.commands;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;


/** Parses command-line durations: 500ms, 30s, 5m, 2h, 1d or ISO-8601. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text, String option) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; expected e.g. 30s, 5m, 2h");
            }
        }
    }
}
