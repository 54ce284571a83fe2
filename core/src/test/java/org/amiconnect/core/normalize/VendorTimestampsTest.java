package org.amiconnect.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vendor timestamps → UTC instants, matching the predecessor's {@code datetime_from_iso_str}. */
class VendorTimestampsTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            localizes a naive timestamp with T separator in the source zone (Rome: +02:00 in August) \
                    | 2024-08-01T00:54:00                 | Europe/Rome         | 2024-07-31T22:54:00Z
            reads a naive timestamp without seconds in UTC \
                    | 2024-08-01 00:54                    | Z                   | 2024-08-01T00:54:00Z
            localizes a Beacon winter timestamp to Pacific standard time \
                    | 2016-01-01 23:59                    | America/Los_Angeles | 2016-01-02T07:59:00Z
            localizes a Beacon summer timestamp to Pacific daylight time \
                    | 2024-08-01 00:59                    | America/Los_Angeles | 2024-08-01T07:59:00Z
            keeps an explicit colon offset whatever the source zone \
                    | 2025-08-01T10:00:00+00:00           | America/Los_Angeles | 2025-08-01T10:00:00Z
            keeps an explicit compact offset after a space, as Moulton Niguel writes it \
                    | 2023-01-01 00:00:00.000 -0700       | Europe/Rome         | 2023-01-01T07:00:00Z
            keeps a Zulu suffix \
                    | 2025-08-01T10:00:00Z                | America/Los_Angeles | 2025-08-01T10:00:00Z
            keeps fractional seconds to the nanosecond \
                    | 2024-08-01 00:54:12.123456789       | Z                   | 2024-08-01T00:54:12.123456789Z
            keeps fractional seconds with a T separator \
                    | 2024-08-01T00:54:12.5               | America/Los_Angeles | 2024-08-01T07:54:12.500Z
            reads a bare date as local midnight \
                    | 2024-08-01                          | America/Los_Angeles | 2024-08-01T07:00:00Z
            ignores surrounding whitespace \
                    | '  2024-08-01 00:59  '              | America/Los_Angeles | 2024-08-01T07:59:00Z
            """)
    void readsTheTimestampForms(String form, String text, ZoneId zone, Instant expected) {
        assertThat(VendorTimestamps.parse(text, zone)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void blankOrMissingTimestampIsNull(String text) {
        assertThat(VendorTimestamps.parse(text, LOS_ANGELES)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01 00:00", "2024-08-01 25:00", "01/08/2024 00:59", "2024-08-01 00:59 PST",
            "2024-08-1"})
    void rejectsTextThatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> VendorTimestamps.parse(text, LOS_ANGELES)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void dstGapTimeIsReadWithTheOffsetBeforeTheChangeAsPytzIsDstFalseDid() {
        // 02:30 does not exist on 2026-03-08 in Los Angeles; pytz localize(is_dst=False) read it as 02:30 PST
        assertThat(VendorTimestamps.parse("2026-03-08 02:30", LOS_ANGELES)).isEqualTo(Instant.parse("2026-03-08T10:30:00Z"));
        assertThat(VendorTimestamps.localize(LocalDateTime.of(2026, 3, 8, 2, 30), LOS_ANGELES))
                .isEqualTo(Instant.parse("2026-03-08T10:30:00Z"));
    }

    @Test
    void dstOverlapTimeIsTheLaterStandardTimeInstantAsPytzIsDstFalseDid() {
        // 01:30 happens twice on 2026-11-01 in Los Angeles (08:30Z PDT, then 09:30Z PST); pytz is_dst=False took PST
        assertThat(VendorTimestamps.parse("2026-11-01 01:30", LOS_ANGELES)).isEqualTo(Instant.parse("2026-11-01T09:30:00Z"));
        assertThat(VendorTimestamps.localize(LocalDateTime.of(2026, 11, 1, 1, 30), LOS_ANGELES))
                .isEqualTo(Instant.parse("2026-11-01T09:30:00Z"));
    }

    @Test
    void hoursAroundTheDstChangesAreUnambiguous() {
        assertThat(VendorTimestamps.parse("2026-03-08 01:59", LOS_ANGELES)).isEqualTo(Instant.parse("2026-03-08T09:59:00Z"));
        assertThat(VendorTimestamps.parse("2026-03-08 03:00", LOS_ANGELES)).isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        assertThat(VendorTimestamps.parse("2026-11-01 00:59", LOS_ANGELES)).isEqualTo(Instant.parse("2026-11-01T07:59:00Z"));
        assertThat(VendorTimestamps.parse("2026-11-01 02:00", LOS_ANGELES)).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void resolvedOffsetPlacesAnOverlapTimeOnEitherOfItsInstants() {
        assertThat(VendorTimestamps.parse("2024-11-03 01:59", LOS_ANGELES, -7 * 3600))
                .isEqualTo(Instant.parse("2024-11-03T08:59:00Z"));
        assertThat(VendorTimestamps.parse("2024-11-03 01:59", LOS_ANGELES, -8 * 3600))
                .isEqualTo(Instant.parse("2024-11-03T09:59:00Z"));
    }

    @Test
    void resolvedOffsetTheZoneNeverHadAtThatTimeIsIgnored() {
        // -07:00 is not valid on a winter day in Los Angeles; the zone's answer stands
        assertThat(VendorTimestamps.parse("2024-12-01 01:59", LOS_ANGELES, -7 * 3600))
                .isEqualTo(Instant.parse("2024-12-01T09:59:00Z"));
        assertThat(VendorTimestamps.parse("2024-11-03 01:59", LOS_ANGELES, null))
                .isEqualTo(Instant.parse("2024-11-03T09:59:00Z"));
        // a timestamp with its own offset keeps it
        assertThat(VendorTimestamps.parse("2024-11-03T01:59:00-08:00", LOS_ANGELES, -7 * 3600))
                .isEqualTo(Instant.parse("2024-11-03T09:59:00Z"));
    }

    @Test
    void parseLocalGivesTheNaiveTimeAndNothingForTimesWithAnOffset() {
        assertThat(VendorTimestamps.parseLocal("2024-11-03 01:59")).isEqualTo(LocalDateTime.of(2024, 11, 3, 1, 59));
        assertThat(VendorTimestamps.parseLocal("2024-11-03T01:59:30.5")).isEqualTo(LocalDateTime.of(2024, 11, 3, 1, 59, 30,
                500_000_000));
        assertThat(VendorTimestamps.parseLocal("2024-11-03")).isEqualTo(LocalDateTime.of(2024, 11, 3, 0, 0));
        assertThat(VendorTimestamps.parseLocal("2024-11-03T01:59:00Z")).isNull();
        assertThat(VendorTimestamps.parseLocal(" ")).isNull();
        assertThatThrownBy(() -> VendorTimestamps.parseLocal("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
