package org.amiconnect.simulators.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtilityGeneratorTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Instant AUGUST_1 = Instant.parse("2024-08-01T07:00:00Z");

    private final UtilityGenerator utility = new UtilityGenerator(7L, 1_000, LOS_ANGELES);

    @Test
    void sameSeedGivesIdenticalMetersAndReads() {
        UtilityGenerator twin = new UtilityGenerator(7L, 1_000, LOS_ANGELES);
        Instant to = AUGUST_1.plus(Duration.ofDays(2));

        assertThat(twin.meters()).isEqualTo(utility.meters());
        assertThat(twin.reads(AUGUST_1, to).toList()).isEqualTo(utility.reads(AUGUST_1, to).toList());
    }

    @Test
    void overlappingRangesReturnIdenticalReadsForSharedHours() {
        SimulatedMeter meter = utility.meter(17);
        Map<Instant, SimulatedRead> first = byInstant(utility.reads(meter, AUGUST_1, AUGUST_1.plus(Duration.ofHours(50))).toList());
        Map<Instant, SimulatedRead> second = byInstant(
                utility.reads(meter, AUGUST_1.plus(Duration.ofHours(30)), AUGUST_1.plus(Duration.ofHours(80))).toList());

        Set<Instant> shared = new HashSet<>(first.keySet());
        shared.retainAll(second.keySet());
        assertThat(shared).hasSize(20);
        for (Instant hour : shared) {
            assertThat(second.get(hour)).isEqualTo(first.get(hour));
        }
        Instant someHour = shared.iterator().next();
        assertThat(utility.read(meter, someHour)).isEqualTo(first.get(someHour));
    }

    @Test
    void meterAndReadsDoNotDependOnMeterCount() {
        UtilityGenerator small = new UtilityGenerator(7L, 20, LOS_ANGELES);
        Instant to = AUGUST_1.plus(Duration.ofDays(1));

        assertThat(small.meter(19)).isEqualTo(utility.meter(19));
        assertThat(small.reads(small.meter(19), AUGUST_1, to).toList())
                .isEqualTo(utility.reads(utility.meter(19), AUGUST_1, to).toList());
    }

    @Test
    void differentSeedChangesMetersAndReads() {
        UtilityGenerator other = new UtilityGenerator(8L, 1_000, LOS_ANGELES);
        Instant to = AUGUST_1.plus(Duration.ofDays(1));

        assertThat(other.meter(0).endpointSn()).isNotEqualTo(utility.meter(0).endpointSn());
        List<String> reads = utility.reads(AUGUST_1, to).map(SimulatedRead::readString).toList();
        List<String> otherReads = other.reads(AUGUST_1, to).map(SimulatedRead::readString).toList();
        assertThat(otherReads).hasSameSizeAs(reads).isNotEqualTo(reads);
    }

    @Test
    void givesOneReadPerMeterPerHourAtTheMeterMinuteOrderedByMeterThenTime() {
        UtilityGenerator small = new UtilityGenerator(7L, 50, LOS_ANGELES);
        List<SimulatedRead> reads = small.reads(AUGUST_1, AUGUST_1.plus(Duration.ofHours(24))).toList();

        assertThat(reads).hasSize(50 * 24);
        for (int i = 0; i < reads.size(); i++) {
            SimulatedRead read = reads.get(i);
            assertThat(read.meter()).isSameAs(small.meter(i / 24));
            assertThat(read.instant()).isEqualTo(AUGUST_1.plus(Duration.ofHours(i % 24))
                    .plus(Duration.ofMinutes(read.meter().readMinute())));
            assertThat(read.localTime()).isEqualTo(LocalDateTime.ofInstant(read.instant(), LOS_ANGELES));
        }
    }

    @Test
    void rangeBoundsApplyToTheReadInstant() {
        SimulatedMeter meter = utility.meters().stream().filter(m -> m.readMinute() == 59).findFirst().orElseThrow();
        Instant firstRead = AUGUST_1.plus(Duration.ofMinutes(59));

        assertThat(utility.reads(meter, firstRead, firstRead.plusSeconds(1)).toList()).hasSize(1);
        assertThat(utility.reads(meter, firstRead.plusNanos(1), firstRead.plus(Duration.ofHours(1))).toList()).isEmpty();
        assertThat(utility.reads(meter, firstRead, firstRead).toList()).isEmpty();
    }

    @Test
    void registerNeverDecreasesAndFlowIsTheUseOfTheHourEndingAtTheRead() {
        Instant to = AUGUST_1.plus(Duration.ofDays(40));
        for (SimulatedMeter meter : utility.meters().subList(0, 60)) {
            List<SimulatedRead> reads = utility.reads(meter, AUGUST_1, to).toList();
            for (int i = 1; i < reads.size(); i++) {
                SimulatedRead previous = reads.get(i - 1);
                SimulatedRead read = reads.get(i);
                assertThat(read.registerCf()).isGreaterThanOrEqualTo(previous.registerCf());
                assertThat(read.vendorRegisterCf()).isGreaterThanOrEqualTo(previous.vendorRegisterCf());
                assertThat(read.flowCf()).isCloseTo(read.registerCf() - previous.registerCf(), within(1e-6));
                assertThat(read.flowCf()).isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    @Test
    void vendorStringsRenderTheExactValuesAtTheUnitResolution() {
        Map<String, Double> registerStep = Map.of("CCF", 0.01 * 100, "KGAL", 0.001 * 133.680546, "CF", 0.1);
        Map<String, Double> flowStep = Map.of("Gallons", 0.1 * 0.133680546, "CCF", 0.001 * 100, "KGAL",
                0.0001 * 133.680546);
        utility.reads(AUGUST_1, AUGUST_1.plus(Duration.ofHours(6))).forEach(read -> {
            assertThat(read.readUnit()).isEqualTo(read.meter().registerUnit());
            assertThat(read.flowUnit()).isEqualTo(read.meter().flowUnit());
            assertThat(read.vendorRegisterCf()).isCloseTo(read.registerCf(),
                    within(registerStep.get(read.readUnit()) / 2 + 1e-6));
            assertThat(read.vendorFlowCf()).isCloseTo(read.flowCf(), within(flowStep.get(read.flowUnit()) / 2 + 1e-6));
            assertThat(read.readString()).matches("\\d+\\.\\d+");
            assertThat(read.flowString()).matches("\\d+\\.\\d+");
        });
    }

    @Test
    void rawReadIsTheRegisterOnTheDialsZeroPadded() {
        Map<String, Integer> decimals = Map.of("CCF", 2, "KGAL", 3, "CF", 1);
        utility.reads(AUGUST_1, AUGUST_1.plus(Duration.ofHours(2))).forEach(read -> {
            int places = decimals.get(read.readUnit());
            long scaled = new java.math.BigDecimal(read.readString()).movePointRight(places).longValueExact();
            long modulus = (long) Math.pow(10, read.meter().dials());
            assertThat(read.rawRead()).hasSize(read.meter().dials());
            assertThat(Long.parseLong(read.rawRead())).isEqualTo(scaled % modulus);
        });
    }

    @Test
    void nightUseIsBelowEveningUse() {
        List<SimulatedRead> reads = utility.reads(AUGUST_1, AUGUST_1.plus(Duration.ofDays(7))).toList();
        double night = meanFlowAtLocalHours(reads, 1, 4);
        double evening = meanFlowAtLocalHours(reads, 18, 21);

        assertThat(night).isLessThan(evening / 3);
    }

    @Test
    void leakProneMetersKeepFlowingAtNightWhileQuietHouseholdsStop() {
        List<SimulatedMeter> leakProne = utility.meters().stream().filter(SimulatedMeter::leakProne).toList();
        assertThat(leakProne.size()).isBetween(10, 60);

        Instant to = AUGUST_1.plus(Duration.ofDays(120));
        long leakingNightReads = 0;
        for (SimulatedMeter meter : leakProne) {
            for (SimulatedRead read : utility.reads(meter, AUGUST_1, to).toList()) {
                if (read.leaking() && isNight(read)) {
                    leakingNightReads++;
                    assertThat(read.flowCf()).isGreaterThanOrEqualTo(meter.leakRateCfPerHour());
                    assertThat(read.vendorFlowCf()).isPositive();
                    assertThat(read.leakStart()).isBeforeOrEqualTo(read.instant());
                }
            }
        }
        assertThat(leakingNightReads).isGreaterThan(1_000);

        SimulatedMeter household = utility.meters().stream()
                .filter(m -> !m.leakProne() && !m.commercial()).findFirst().orElseThrow();
        double minimumNightFlow = utility.reads(household, AUGUST_1, AUGUST_1.plus(Duration.ofDays(7)))
                .filter(UtilityGeneratorTest::isNight).mapToDouble(SimulatedRead::flowCf).min().orElseThrow();
        assertThat(minimumNightFlow).isZero();
    }

    @Test
    void householdsUseRealisticVolumes() {
        Instant to = AUGUST_1.plus(Duration.ofDays(30));
        List<SimulatedMeter> households = utility.meters().stream()
                .filter(m -> !m.commercial() && !m.leakProne()).limit(100).toList();
        double totalGallonsPerDay = 0;
        for (SimulatedMeter meter : households) {
            double cubicFeet = utility.reads(meter, AUGUST_1, to).mapToDouble(SimulatedRead::flowCf).sum();
            totalGallonsPerDay += cubicFeet / 0.133680546 / 30;
        }
        assertThat(totalGallonsPerDay / households.size()).isBetween(150.0, 450.0);
    }

    @Test
    void meterSizeMixIsDominatedBySmallMetersWithARareUnmappableSize() {
        Map<String, Long> sizes = utility.meters().stream()
                .collect(Collectors.groupingBy(SimulatedMeter::meterSizeDesc, Collectors.counting()));

        assertThat(sizes.keySet()).containsExactlyInAnyOrder("5/8\"", "3/4\"", "1\"", "1.5\"", "2\"", "5/8x3/4", "8in");
        long fiveEighths = sizes.get("5/8\"");
        assertThat(sizes.values()).allMatch(count -> count <= fiveEighths);
        assertThat(fiveEighths).isBetween(400L, 600L);
        assertThat(sizes.get("8in")).isBetween(1L, 30L);
        assertThat(utility.meters()).allMatch(m -> m.meterSizeUnit().equals("INCHES"));
        assertThat(meanDailyGallons("2\"")).isGreaterThan(3 * meanDailyGallons("5/8\""));
    }

    @Test
    void usesOnlyUnitsThePredecessorAccepts() {
        Map<String, Long> registerUnits = countBy(SimulatedMeter::registerUnit);
        Map<String, Long> flowUnits = countBy(SimulatedMeter::flowUnit);

        assertThat(registerUnits.keySet()).containsExactlyInAnyOrder("CCF", "KGAL", "CF");
        assertThat(registerUnits.get("CCF")).isBetween(550L, 750L);
        assertThat(flowUnits.keySet()).containsExactlyInAnyOrder("Gallons", "CCF", "KGAL");
        assertThat(flowUnits.get("Gallons")).isBetween(420L, 580L);
    }

    @Test
    void identifiersAreUniqueAndShapedLikeTheVendors() {
        List<SimulatedMeter> meters = utility.meters();

        assertThat(meters).extracting(SimulatedMeter::endpointSn).doesNotHaveDuplicates()
                .allMatch(sn -> sn.matches("\\d{9}"));
        assertThat(meters).extracting(SimulatedMeter::meterId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("\\d{10}"));
        assertThat(meters).extracting(SimulatedMeter::accountId).allMatch(id -> id.matches("\\d{6}(-\\d{2})?"))
                .extracting(id -> id.substring(0, 6)).doesNotHaveDuplicates();
        assertThat(meters).extracting(SimulatedMeter::locationId).doesNotHaveDuplicates();
        long accountLocation = meters.stream().filter(SimulatedMeter::accountLocationStyle).count();
        assertThat(accountLocation).isBetween(60L, 140L);
        assertThat(meters).allMatch(m -> !m.endpointInstallDate().isBefore(m.meterInstallDate()));
        assertThat(meters).allMatch(m -> m.state().equals("CA") && m.country().equals("US"));
        long stampedAt59 = meters.stream().filter(m -> m.readMinute() == 59).count();
        assertThat(stampedAt59).isBetween(700L, 900L);
    }

    @Test
    void fallBackDayRepeatsTheNaiveLocalHour() {
        SimulatedMeter meter = utility.meters().stream().filter(m -> m.readMinute() == 59).findFirst().orElseThrow();
        Instant localMidnight = Instant.parse("2024-11-03T07:00:00Z");
        List<SimulatedRead> reads = utility.reads(meter, localMidnight, localMidnight.plus(Duration.ofHours(25))).toList();

        assertThat(reads).hasSize(25);
        assertThat(reads).filteredOn(read -> read.readTimeText().equals("2024-11-03 01:59")).hasSize(2);
        assertThat(reads.get(reads.size() - 1).readTimeText()).isEqualTo("2024-11-03 23:59");
    }

    @Test
    void rejectsMeterCountsOutsideTheIdentifierSpace() {
        assertThatThrownBy(() -> new UtilityGenerator(1L, -1, LOS_ANGELES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meterCount");
        UtilityGenerator other = new UtilityGenerator(1L, 5, LOS_ANGELES);
        assertThatThrownBy(() -> other.reads(utility.meter(1), AUGUST_1, AUGUST_1.plusSeconds(3_600)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    private double meanDailyGallons(String sizeDesc) {
        return utility.meters().stream().filter(m -> m.meterSizeDesc().equals(sizeDesc))
                .mapToDouble(SimulatedMeter::averageDailyGallons).average().orElseThrow();
    }

    private Map<String, Long> countBy(Function<SimulatedMeter, String> attribute) {
        return utility.meters().stream().collect(Collectors.groupingBy(attribute, Collectors.counting()));
    }

    private static boolean isNight(SimulatedRead read) {
        int hour = read.instant().minusSeconds(read.meter().readMinute() * 60L).atZone(LOS_ANGELES).getHour();
        return hour >= 1 && hour <= 4;
    }

    /** Mean flow of the hours whose local start hour is within [from, to]. */
    private static double meanFlowAtLocalHours(List<SimulatedRead> reads, int from, int to) {
        return reads.stream().filter(read -> {
            int hour = read.instant().minusSeconds(read.meter().readMinute() * 60L).atZone(LOS_ANGELES).getHour();
            return hour >= from && hour <= to;
        }).mapToDouble(SimulatedRead::flowCf).average().orElseThrow();
    }

    private static Map<Instant, SimulatedRead> byInstant(List<SimulatedRead> reads) {
        return reads.stream().collect(Collectors.toMap(SimulatedRead::instant, read -> read));
    }
}
