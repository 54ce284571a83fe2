package org.amiconnect.simulators.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Meters drawn on demand are the ones the generator used to build and hold up front; memory is flat in the count. */
class OnDemandMetersTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    /** Spans the spring-forward day, so the local-time rendering of DST is in the digests. */
    private static final Instant FROM = Instant.parse("2026-03-08T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-09T12:00:00Z");

    /**
     * SHA-256 of {@code meter.toString()} and, each after a newline, the {@code toString()} of its reads in
     * [FROM, TO), for seed 42 in Los Angeles, as produced by the generator that built all 900,000 meters into a list
     * at construction (before meters were drawn on demand).
     */
    private static final Map<Integer, String> HELD_LIST_DIGESTS = new LinkedHashMap<>();

    static {
        HELD_LIST_DIGESTS.put(0, "8ad0596ca58d561aabcdd2c32107f77ae82252fb3cf13228a0a5c4a77ab001fd");
        HELD_LIST_DIGESTS.put(1, "5aa1fdc7f50f2e04ff64992e1e871f91dedd93e2ef66d747a2bc2527089a8ee2");
        HELD_LIST_DIGESTS.put(2, "81afac43ef31c3c4a38834d9ba3494893c49af07ecc0e519e7f03f681fb1f9a5");
        HELD_LIST_DIGESTS.put(17, "61bc94ea39182f2f59024982009cf4b625f29e08e868518719d20fa3db36bcba");
        HELD_LIST_DIGESTS.put(4_095, "f01076690c405bb6600206c8f66413b4e5d0908a32dd919f055471c5295c0c27");
        HELD_LIST_DIGESTS.put(4_096, "efaf5f833568ee4c780cfe655cd3bacfd5b8ae4757ec78861d6bc8a9168952fa");
        HELD_LIST_DIGESTS.put(4_097, "4c90604999ff33d7d6bb6d59b22ac466904d39530aae6da33d2da2194f865ea6");
        HELD_LIST_DIGESTS.put(65_537, "40756f50b2db2b3cbd1a791ac09f4be0dc328ed058686c853620592050f73851");
        HELD_LIST_DIGESTS.put(99_999, "15a600f4dbdee58cd0de58d3c902b376d429d801fdcf9de63835afd975535c5d");
        HELD_LIST_DIGESTS.put(123_456, "c5bdb8b8e29adb64ed83d9971285584fa514a1f8cf797c8ec161dd2eff0915b5");
        HELD_LIST_DIGESTS.put(500_000, "24c65f3f637ea26f7d56efa63d6c73418925a73805a0f8faf3a7c91f95094b7b");
        HELD_LIST_DIGESTS.put(899_999, "12b64b46bfd27660b6904e020369a6a62e99e4ee836f7dbb6746cc87f267fe26");
    }

    @Test
    void onDemandMetersAndReadsEqualTheOnesBuiltUpFront() {
        UtilityGenerator utility = new UtilityGenerator(42L, 900_000, LOS_ANGELES);

        Map<Integer, String> digests = new LinkedHashMap<>();
        for (int index : HELD_LIST_DIGESTS.keySet()) {
            digests.put(index, digest(utility, utility.meter(index)));
        }

        assertThat(digests).containsExactlyEntriesOf(HELD_LIST_DIGESTS);
    }

    @Test
    void aMeterIsTheSameWhicheverWayAndWhateverOrderItIsDrawn() {
        UtilityGenerator utility = new UtilityGenerator(42L, 1_000_000, LOS_ANGELES);
        UtilityGenerator twin = new UtilityGenerator(42L, 1_000_000, LOS_ANGELES);

        for (int index : List.of(999_999, 3, 3 + UtilityGenerator.CACHE_SLOTS, 3, 650_000)) {
            SimulatedMeter drawn = utility.meter(index);
            assertThat(utility.meters().get(index)).isEqualTo(drawn);
            assertThat(twin.meter(index)).isEqualTo(drawn);
            // a slot taken by another meter since: drawn anew, equal and still accepted as this utility's meter
            utility.meter(index + UtilityGenerator.CACHE_SLOTS <= 999_999 ? index + UtilityGenerator.CACHE_SLOTS : 0);
            assertThat(utility.meter(index)).isEqualTo(drawn);
            assertThat(utility.reads(drawn, FROM, TO).toList()).isEqualTo(twin.reads(twin.meter(index), FROM, TO)
                    .toList());
        }
    }

    @Test
    void metersPastNineHundredThousandGetSevenDigitAccountsAndLocationsThatCollideWithNoOther() {
        UtilityGenerator utility = new UtilityGenerator(42L, 1_000_000, LOS_ANGELES);
        Set<String> accounts = new HashSet<>();
        Set<String> locations = new HashSet<>();
        Set<String> endpoints = new HashSet<>();

        IntStream.concat(IntStream.range(0, 1_000_000).filter(i -> i % 97 == 0), IntStream.range(899_000, 901_000))
                .distinct().mapToObj(utility::meter).forEach(meter -> {
                    String account = meter.accountId().split("-")[0];
                    assertThat(account).hasSize(meter.index() < 900_000 ? 6 : 7);
                    assertThat(meter.locationId()).hasSize(meter.index() < 900_000 ? 6 : 7);
                    assertThat(accounts.add(account)).as("account of meter %d", meter.index()).isTrue();
                    assertThat(locations.add(meter.locationId())).as("location of %d", meter.index()).isTrue();
                    assertThat(endpoints.add(meter.endpointSn())).as("endpoint of %d", meter.index()).isTrue();
                });
    }

    @Test
    void aNineMillionMeterUtilityCostsNothingUntilItsMetersAreDrawn() {
        long before = usedHeap();
        UtilityGenerator utility = new UtilityGenerator(42L, 9_000_000, LOS_ANGELES);
        long after = usedHeap();

        assertThat(utility.meterCount()).isEqualTo(9_000_000);
        assertThat(utility.meters()).hasSize(9_000_000);
        assertThat(utility.meter(8_999_999).index()).isEqualTo(8_999_999);
        assertThat(after - before).isLessThan(16L << 20);
        assertThatThrownBy(() -> new UtilityGenerator(42L, 9_000_001, LOS_ANGELES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meterCount");
        assertThatThrownBy(() -> utility.meter(9_000_000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSmallUtilityHandsOutOneInstancePerMeter() {
        UtilityGenerator utility = new UtilityGenerator(42L, UtilityGenerator.CACHE_SLOTS, LOS_ANGELES);
        List<SimulatedMeter> first = List.copyOf(utility.meters());

        for (int i = 0; i < first.size(); i += 37) {
            assertThat(utility.meter(i)).isSameAs(first.get(i));
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String digest(UtilityGenerator utility, SimulatedMeter meter) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(meter.toString().getBytes(StandardCharsets.UTF_8));
            utility.reads(meter, FROM, TO).forEach(r -> md.update(("\n" + r).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
