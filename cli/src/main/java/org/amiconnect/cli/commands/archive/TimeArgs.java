package org.amiconnect.cli.commands.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Command-line times. A time must name its offset ({@code 2025-03-01T08:00:00Z}, {@code 2025-03-01T00:00:00-08:00}):
 * a time without one is refused rather than read in some time zone, the classic way to rewind hours too far. A date
 * alone means midnight UTC.
 */
final class TimeArgs {

    private TimeArgs() {
    }

    static Instant parse(String text, String option) {
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                String hint = s.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+") ? "; add the UTC offset, e.g. " + s + "Z" : "";
                throw new IllegalArgumentException(option + ": '" + text + "' is not a time with an offset "
                        + "(2025-03-01T08:00:00Z or 2025-03-01T00:00:00-08:00) or a date (2025-03-01, midnight UTC)"
                        + hint);
            }
        }
    }
}
