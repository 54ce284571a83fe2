package org.amiconnect.transformer;

import static org.amiconnect.transformer.SyntheticJoinDriver.LA;
import static org.amiconnect.transformer.SyntheticJoinDriver.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever order the raw records of the synthetic join vendor arrive in, and however the clock moves
 * between them, what the stream publishes last for each (org, device, flowtime) — what an upserting warehouse
 * holds — equals what the predecessor's batch rules make of the same records (python-ami-connect §2: reads joined to
 * their meter, the account valid at the flowtime, register and interval of one (device, flowtime) merged into one
 * read, re-deliveries collapsed). Seeded, so a failure names the seed that reproduces it.
 */
class ShuffledArrivalMatchesBatchRulesTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Test
    void anyArrivalOrderGivesTheBatchResult() {
        for (long seed = 1; seed <= 10; seed++) {
            Random random = new Random(seed);
            List<SyntheticRaw> records = generate(random);
            Map<String, List<Object>> expected = batch(records);

            List<SyntheticRaw> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, random);
            Map<String, List<Object>> actual = new TreeMap<>();
            try (SyntheticJoinDriver t = new SyntheticJoinDriver(Duration.ofMinutes(10),
                    AfterGrace.EMIT_WITHOUT_METADATA, Duration.ofMinutes(5))) {
                for (SyntheticRaw r : shuffled) {
                    t.pipe(r);
                    if (random.nextInt(10) == 0) {
                        t.advance(Duration.ofMinutes(random.nextInt(8)));
                    }
                }
                // past the metadata grace, then past the halves grace that a lone half released at that moment starts
                t.advance(Duration.ofHours(1));
                t.advance(Duration.ofHours(1));
                for (GeneralMeterRead read : t.reads.readValuesToList()) {
                    actual.put(key(read.getDeviceId(), read.getFlowtime()), view(read.getAccountId(),
                            read.getLocationId(), read.getRegisterValue(), read.getIntervalValue(), read.getQuality()));
                }
                assertThat(t.deadLetters.isEmpty()).as("seed %d", seed).isTrue();
            }
            assertThat(actual).as("seed %d: %d records", seed, records.size()).isEqualTo(expected);
        }
    }

    /** Devices with a meter, dated account versions and hourly halves; one device has no metadata at all. */
    private static List<SyntheticRaw> generate(Random random) {
        List<SyntheticRaw> out = new ArrayList<>();
        int devices = 3 + random.nextInt(4);
        for (int d = 0; d < devices; d++) {
            String device = "dev" + d;
            boolean known = d > 0;
            if (known) {
                out.add(SyntheticJoinVendor.meter(ORG, device, "1"));
                LocalDateTime from = LocalDateTime.parse("2024-11-01T00:00");
                for (int v = 0, n = 1 + random.nextInt(3); v < n; v++) {
                    out.add(SyntheticJoinVendor.account(ORG, device, device + "-acct" + v, device + "-loc" + v,
                            from.format(LOCAL)));
                    from = from.plusHours(6 + random.nextInt(30));
                }
            }
            double register = 1000 * random.nextDouble();
            LocalDateTime time = LocalDateTime.parse("2024-11-02T00:00");
            for (int h = 0, hours = 10 + random.nextInt(40); h < hours; h++) {
                double use = random.nextInt(200) / 100.0;
                register += use;
                String at = time.format(LOCAL);
                int halves = random.nextInt(10);
                if (halves != 0) {
                    out.add(SyntheticJoinVendor.register(ORG, device, at, Double.toString(register), "CF"));
                }
                if (halves != 1) {
                    out.add(SyntheticJoinVendor.interval(ORG, device, at, Double.toString(use), "CF"));
                }
                time = time.plusHours(1);
            }
        }
        for (int i = 0, dups = out.size() / 5; i < dups; i++) {
            SyntheticRaw again = out.get(random.nextInt(out.size()));
            SyntheticRaw copy = new SyntheticRaw();
            for (int f = 0; f < SyntheticRaw.SCHEMA$.getFields().size(); f++) {
                copy.put(f, again.get(f));
            }
            out.add(copy);
        }
        return out;
    }

    /** The batch rules, written from the predecessor's description, not from the stream's code. */
    private static Map<String, List<Object>> batch(List<SyntheticRaw> records) {
        Map<String, TreeMap<Instant, String[]>> accounts = new HashMap<>();
        Map<String, Double[]> halves = new TreeMap<>();
        Map<String, String> deviceOf = new HashMap<>();
        Map<String, Instant> flowtimeOf = new HashMap<>();
        for (SyntheticRaw r : records) {
            String device = r.text("device_id");
            switch (r.text("kind")) {
                case "account" -> accounts.computeIfAbsent(device, x -> new TreeMap<>()).put(
                        VendorTimestamps.parse(r.text("valid_from"), LA),
                        new String[] {r.text("account_id"), r.text("location_id")});
                case "register", "interval" -> {
                    Instant flowtime = VendorTimestamps.parse(r.text("flowtime"), LA);
                    String key = key(device, flowtime);
                    deviceOf.put(key, device);
                    flowtimeOf.put(key, flowtime);
                    Double[] v = halves.computeIfAbsent(key, x -> new Double[2]);
                    // the predecessor's unit rule: to cubic feet, rounded to 8 decimals
                    v[r.text("kind").equals("register") ? 0 : 1] =
                            Units.toCubicFeet(Double.parseDouble(r.text("value")), r.text("unit"));
                }
                default -> { }
            }
        }
        Map<String, List<Object>> result = new TreeMap<>();
        halves.forEach((key, v) -> {
            TreeMap<Instant, String[]> versions = accounts.get(deviceOf.get(key));
            Map.Entry<Instant, String[]> valid = versions == null ? null : versions.floorEntry(flowtimeOf.get(key));
            result.put(key, view(valid == null ? null : valid.getValue()[0], valid == null ? null : valid.getValue()[1],
                    v[0], v[1], null));
        });
        return result;
    }

    private static String key(String device, Instant flowtime) {
        return device + "@" + flowtime;
    }

    private static List<Object> view(String account, String location, Double register, Double interval,
            List<String> quality) {
        return java.util.Arrays.asList(account, location, register, interval, quality);
    }
}
