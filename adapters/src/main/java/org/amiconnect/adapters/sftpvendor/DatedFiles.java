package org.amiconnect.adapters.sftpvendor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The date a vendor writes into its file names, {@code MMDDYYYY} just before a 3-letter extension
 * ({@code CaDC_Readings_05252025.csv}), and which of those dates a window covers (python-ami-connect §2.1).
 *
 * <p>The predecessor compared the file's midnight with the window's start instant, so the file of the window's first
 * day was dropped unless the window started exactly at midnight [quirk]. Here dates are compared with dates: a file is
 * in the window when its date lies between the local dates (in the source's zone) of the window's start and of its
 * end, both included.
 */
public final class DatedFiles {

    private static final DateTimeFormatter MMDDYYYY = DateTimeFormatter.ofPattern("MMdduuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private DatedFiles() {
    }

    /**
     * The date in {@code fileName}: the 8 characters before its 4-character extension (e.g. {@code .csv}), as
     * {@code MMDDYYYY}; empty when the name is too short or those characters are no such date (e.g. {@code YYYYMMDD}).
     */
    public static Optional<LocalDate> dateOf(String fileName) {
        if (fileName.length() < 12 || fileName.charAt(fileName.length() - 4) != '.') {
            return Optional.empty();
        }
        String digits = fileName.substring(fileName.length() - 12, fileName.length() - 4);
        try {
            return Optional.of(LocalDate.parse(digits, MMDDYYYY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a file dated {@code date} belongs to the window {@code [start, end)} of a source in {@code zone}. */
    public static boolean inWindow(LocalDate date, Instant start, Instant end, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(start, zone);
        LocalDate last = LocalDate.ofInstant(end, zone);
        return !date.isBefore(first) && !date.isAfter(last);
    }
}
