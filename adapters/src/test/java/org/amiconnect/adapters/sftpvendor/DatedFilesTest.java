package org.amiconnect.adapters.sftpvendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** File selection by the MMDDYYYY date in the name (python-ami-connect §2.1). */
class DatedFilesTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void readsTheEightDigitsBeforeTheExtensionAsMonthDayYear() {
        assertThat(DatedFiles.dateOf("CaDC_Readings_05252025.csv")).contains(LocalDate.of(2025, 5, 25));
        assertThat(DatedFiles.dateOf("CMEP_MEPMD01_11282026.txt")).contains(LocalDate.of(2026, 11, 28));
    }

    @Test
    void yearMonthDayNamesAreRejectedAsThePredecessorDid() {
        assertThat(DatedFiles.dateOf("CaDC_Readings_20250525.csv")).isEmpty();
    }

    @Test
    void namesWithoutADateAreRejected() {
        assertThat(DatedFiles.dateOf("README.txt")).isEmpty();
        assertThat(DatedFiles.dateOf("x.csv")).isEmpty();
        assertThat(DatedFiles.dateOf("CaDC_Readings_02302025.csv")).as("February 30th").isEmpty();
        assertThat(DatedFiles.dateOf("CaDC_Readings_05252025.csv.gz")).isEmpty();
    }

    @Test
    void theWindowsFirstDayIsIncludedEvenWhenTheWindowStartsAfterMidnight() {
        // the standard window [Nov 26 12:00, Nov 28 12:00) local: the predecessor dropped Nov 26's file [quirk]
        Instant start = Instant.parse("2026-11-26T20:00:00Z");
        Instant end = Instant.parse("2026-11-28T20:00:00Z");
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 26), start, end, LA)).isTrue();
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 27), start, end, LA)).isTrue();
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 28), start, end, LA)).as("last day, inclusive").isTrue();
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 25), start, end, LA)).isFalse();
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 29), start, end, LA)).isFalse();
    }

    @Test
    void datesAreTheSourcesLocalDates() {
        // 2026-11-27T04:00Z is still Nov 26 in Los Angeles
        Instant start = Instant.parse("2026-11-27T04:00:00Z");
        assertThat(DatedFiles.inWindow(LocalDate.of(2026, 11, 26), start, start.plusSeconds(3600), LA)).isTrue();
    }
}
