package org.amiconnect.cli.commands.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A range bound given as a day (midnight in the source's time zone), a local date-time, or a UTC instant. */
final class RangeBound {

    private RangeBound() {
    }

    static Instant parse(String text, ZoneId zone, String option, CommandSpec spec) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + ": '" + text + "' is not a day (2026-11-01), a "
                    + "local date-time (2026-11-01T06:00) or an instant (2026-11-01T14:00:00Z)");
        }
    }
}
