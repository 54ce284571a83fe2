package org.amiconnect.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.junit.jupiter.api.Test;

class ClockChangeResolverTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    /** A two-day window around the fall-back change of 2024-11-03. */
    private static final Instant FALL_FROM = Instant.parse("2024-11-02T07:00:00Z");
    private static final Instant FALL_TO = Instant.parse("2024-11-04T08:00:00Z");
    private static final Instant SPRING_FROM = Instant.parse("2026-03-07T08:00:00Z");
    private static final Instant SPRING_TO = Instant.parse("2026-03-09T07:00:00Z");

    @Test
    void twoReadsOfOneDeviceAtTheSameOverlapTimeAreAnHourApartLowerRegisterFirst() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(1, "130615549", "2024-11-03 00:59", 22_750.0);
        resolver.observe(2, "130615549", "2024-11-03 01:59", 22_760.0);
        resolver.observe(3, "130615549", "2024-11-03 01:59", 22_770.0);
        resolver.observe(4, "130615549", "2024-11-03 02:59", 22_780.0);

        assertThat(flowtime(resolver, 2, "2024-11-03 01:59")).isEqualTo(Instant.parse("2024-11-03T08:59:00Z"));
        assertThat(flowtime(resolver, 3, "2024-11-03 01:59")).isEqualTo(Instant.parse("2024-11-03T09:59:00Z"));
        assertThat(resolver.resolution(1)).isEmpty();
        assertThat(resolver.resolution(4)).isEmpty();
    }

    @Test
    void theLowerRegisterGetsDaylightTimeWhateverTheRowOrder() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(7, "d1", "2024-11-03 01:59", 105.0);
        resolver.observe(8, "d1", "2024-11-03 01:59", 100.0);

        assertThat(resolver.resolution(8)).hasValueSatisfying(r -> assertThat(r.offset()).isEqualTo(ZoneOffset.ofHours(-7)));
        assertThat(resolver.resolution(7)).hasValueSatisfying(r -> assertThat(r.offset()).isEqualTo(ZoneOffset.ofHours(-8)));
    }

    @Test
    void equalOrUnknownRegistersGoByRowOrder() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(5, "same", "2024-11-03 01:59", 100.0);
        resolver.observe(6, "same", "2024-11-03 01:59", 100.0);
        resolver.observe(9, "unknown", "2024-11-03 01:15", 300.0);
        resolver.observe(10, "unknown", "2024-11-03 01:15", null);

        assertThat(resolver.resolution(5).orElseThrow().offset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(resolver.resolution(6).orElseThrow().offset()).isEqualTo(ZoneOffset.ofHours(-8));
        assertThat(resolver.resolution(9).orElseThrow().offset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(resolver.resolution(10).orElseThrow().offset()).isEqualTo(ZoneOffset.ofHours(-8));
    }

    @Test
    void aSingleOverlapRowAndRowsOfOtherDevicesKeepTheDefault() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(1, "a", "2024-11-03 01:59", 1.0);
        resolver.observe(2, "b", "2024-11-03 01:59", 2.0);

        assertThat(resolver.resolution(1)).isEmpty();
        assertThat(resolver.resolution(2)).isEmpty();
        assertThat(VendorTimestamps.parse("2024-11-03 01:59", LOS_ANGELES)).isEqualTo(Instant.parse("2024-11-03T09:59:00Z"));
    }

    @Test
    void gapTimeThatMovedForwardIsAnotherReadsTimeIsAProblemNamingBothRows() {
        ClockChangeResolver resolver = springForward();
        resolver.observe(11, "130615549", "2026-03-08 01:30", 10.0);
        resolver.observe(12, "130615549", "2026-03-08 02:30", 11.0);
        resolver.observe(13, "130615549", "2026-03-08 03:30", 11.0);
        resolver.observe(14, "other", "2026-03-08 02:30", 5.0);

        assertThat(resolver.resolution(12)).hasValueSatisfying(r -> {
            assertThat(r.offset()).isNull();
            assertThat(r.problem()).isEqualTo("2026-03-08 02:30 does not exist in America/Los_Angeles (the clock went "
                    + "from 02:00 to 03:00); moved forward it is 03:30, the time of the same device's read in row 13, "
                    + "so it is a duplicate of that read rather than a read of its own");
        });
        assertThat(resolver.resolution(13)).isEmpty();
        assertThat(resolver.resolution(11)).isEmpty();
        // alone, a gap time is moved forward as before
        assertThat(resolver.resolution(14)).isEmpty();
        assertThat(VendorTimestamps.parse("2026-03-08 02:30", LOS_ANGELES)).isEqualTo(Instant.parse("2026-03-08T10:30:00Z"));
    }

    @Test
    void marksTravelInTheExtractMetadata() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(2, "d", "2024-11-03 01:59", 1.0);
        resolver.observe(3, "d", "2024-11-03 01:59", 2.0);
        ClockChangeResolver spring = springForward();
        spring.observe(4, "d", "2026-03-08 02:30", 1.0);
        spring.observe(5, "d", "2026-03-08 03:30", 1.0);

        ExtractMetadata first = metadata();
        resolver.mark(2, first);
        ExtractMetadata untouched = metadata();
        resolver.mark(1, untouched);
        ExtractMetadata duplicate = metadata();
        spring.mark(4, duplicate);

        assertThat(LocalTimeMarks.offset(first, "Read_Time")).isEqualTo(-7 * 3600);
        assertThat(LocalTimeMarks.problem(first, "Read_Time")).isNull();
        assertThat(untouched.getLocalTimeOffsets()).isNull();
        assertThat(untouched.getFieldProblems()).isNull();
        assertThat(LocalTimeMarks.problem(duplicate, "Read_Time")).contains("row 5");
        assertThat(LocalTimeMarks.offset(duplicate, "Read_Time")).isNull();
    }

    @Test
    void windowWithoutClockChangeIsInactiveAndRemembersNothing() {
        ClockChangeResolver resolver = ClockChangeResolver.around("Read_Time", LOS_ANGELES,
                Instant.parse("2026-06-10T07:00:00Z"), Instant.parse("2026-06-11T07:00:00Z"));
        resolver.observe(1, "d", "2024-11-03 01:59", 1.0);
        resolver.observe(2, "d", "2024-11-03 01:59", 2.0);

        assertThat(resolver.active()).isFalse();
        assertThat(resolver.resolvedRows()).isZero();
    }

    @Test
    void ignoresTextsItCannotPlace() {
        ClockChangeResolver resolver = fallBack();
        resolver.observe(1, "d", "", 1.0);
        resolver.observe(2, "d", "not a time", 1.0);
        resolver.observe(3, "d", "2024-11-03T01:59:00-07:00", 1.0);
        resolver.observe(4, "d", "2024-11-03T01:59:00-08:00", 2.0);
        resolver.observe(5, null, "2024-11-03 01:59", 1.0);

        assertThat(resolver.resolvedRows()).isZero();
    }

    private static ClockChangeResolver fallBack() {
        return ClockChangeResolver.around("Read_Time", LOS_ANGELES, FALL_FROM, FALL_TO);
    }

    private static ClockChangeResolver springForward() {
        return ClockChangeResolver.around("Read_Time", LOS_ANGELES, SPRING_FROM, SPRING_TO);
    }

    private static Instant flowtime(ClockChangeResolver resolver, long row, String text) {
        Integer offset = resolver.resolution(row).map(r -> r.offset().getTotalSeconds()).orElse(null);
        return VendorTimestamps.parse(text, LOS_ANGELES, offset);
    }

    private static ExtractMetadata metadata() {
        return ExtractMetadata.newBuilder().setOrgId("o").setRunId("r").setExtractedAt(Instant.EPOCH).setSource("s").build();
    }
}
