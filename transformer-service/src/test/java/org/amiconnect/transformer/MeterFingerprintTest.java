package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.amiconnect.schemas.model.GeneralMeter;
import org.junit.jupiter.api.Test;

class MeterFingerprintTest {

    /** The fingerprint as first defined (over every attribute's toString), which the last-meters changelogs hold. */
    private static long asFirstDefined(GeneralMeter m) {
        int observedAt = GeneralMeter.getClassSchema().getField("observed_at").pos();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < m.getSchema().getFields().size(); i++) {
            if (i == observedAt) {
                continue;
            }
            Object v = m.get(i);
            String s = v == null ? "\u0000" : v.toString();
            for (int c = 0; c < s.length(); c++) {
                h = (h ^ s.charAt(c)) * 0x100000001b3L;
            }
            h = (h ^ 0x1f) * 0x100000001b3L;
        }
        return h;
    }

    private static GeneralMeter meter(Instant installed, Double multiplier) {
        return GeneralMeter.newBuilder().setOrgId("org").setDeviceId("d-1").setAccountId("A1").setMeterSize("0.625")
                .setMeterInstallDate(installed).setMultiplier(multiplier).setObservedAt(Instant.now()).build();
    }

    @Test
    void staysTheHashOfTheAttributesTextForInstantsOfEveryPrecisionAndEra() {
        Instant[] edges = {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.parse("2026-11-30T00:00:00.000001Z"), Instant.parse("2026-11-30T12:00:00.120Z"),
            Instant.parse("2026-11-30T12:34:56.000000100Z"), Instant.MIN, Instant.MAX, null};
        for (Instant t : edges) {
            GeneralMeter m = meter(t, 1.0);
            assertThat(MeterFingerprint.of(m)).as("%s", t).isEqualTo(asFirstDefined(m));
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-80_000_000_000L, 300_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            GeneralMeter m = meter(Instant.ofEpochSecond(seconds, nanos), i % 3 == 0 ? null : random.nextDouble());
            assertThat(MeterFingerprint.of(m)).as("%s", m.getMeterInstallDate()).isEqualTo(asFirstDefined(m));
        }
    }

    @Test
    void ignoresWhenTheMeterWasSeenButNotItsAttributes() {
        GeneralMeter a = meter(Instant.parse("2020-01-01T00:00:00Z"), null);
        GeneralMeter b = GeneralMeter.newBuilder(a).setObservedAt(Instant.EPOCH).build();
        GeneralMeter c = GeneralMeter.newBuilder(a).setAccountId("A2").build();
        assertThat(MeterFingerprint.of(b)).isEqualTo(MeterFingerprint.of(a));
        assertThat(MeterFingerprint.of(c)).isNotEqualTo(MeterFingerprint.of(a));
    }

    @Test
    void theRememberedFingerprintIsTheFingerprintOfEveryMeterInARun() {
        MeterFingerprint.Last last = new MeterFingerprint.Last();
        Random random = new Random(11);
        Instant[] dates = {null, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00.5Z")};
        Double[] multipliers = {null, 1.0, -0.0, 0.0, Double.NaN};
        String[] accounts = {null, "A1", "A2", ""};
        for (int i = 0; i < 20_000; i++) {
            // runs of equal attributes (new instances each time) with a change now and then
            GeneralMeter m = GeneralMeter.newBuilder().setOrgId("org").setDeviceId(new String("d-" + random.nextInt(3)))
                    .setAccountId(accounts[random.nextInt(accounts.length)])
                    .setMeterInstallDate(dates[random.nextInt(dates.length)])
                    .setMultiplier(multipliers[random.nextInt(multipliers.length)])
                    .setObservedAt(Instant.ofEpochSecond(random.nextInt())).build();
            assertThat(last.of(m)).isEqualTo(MeterFingerprint.of(m));
        }
    }
}
