package org.amiconnect.transformer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.normalize.MeterSizes;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.specific.SpecificRecord;

/**
 * A vendor that splits its data the way most real ones do: a meters table, an accounts table whose rows hold from a
 * start date (looked up at each read's flowtime), and register and interval reads as two separate streams. Its naive
 * timestamps are local time in the source's zone.
 */
final class SyntheticJoinVendor {

    static final String VENDOR = "synthetic";
    static final RawEntity METERS = entity("meter");
    static final RawEntity ACCOUNTS = entity("account");
    static final RawEntity REGISTERS = entity("register");
    static final RawEntity INTERVALS = entity("interval");

    private SyntheticJoinVendor() {
    }

    private static RawEntity entity(String name) {
        return new RawEntity(VENDOR, name, SyntheticRaw.class, "synthetic_" + name + "_base", Map.of(), List.of());
    }

    static StreamPlan plan(Duration metadataGrace, AfterGrace afterGrace, Duration halvesGrace) {
        return new StreamPlan(List.of(EntityPlan.metadata(METERS), EntityPlan.versionedMetadata(ACCOUNTS),
                EntityPlan.reads(REGISTERS), EntityPlan.reads(INTERVALS)),
                new JoinRules(metadataGrace, afterGrace, true, halvesGrace, Duration.ofDays(30), Duration.ofDays(36500)));
    }

    /** Raw records → partial meters or half reads, by kind. */
    static Normalizer normalizer(ZoneId zone) {
        return record -> normalize((SyntheticRaw) record, zone);
    }

    private static Normalized normalize(SyntheticRaw raw, ZoneId zone) throws NormalizationException {
        String org = raw.extract().getOrgId();
        String device = raw.text("device_id");
        switch (raw.text("kind")) {
            case "meter" -> {
                return new Normalized(List.of(GeneralMeter.newBuilder().setOrgId(org).setDeviceId(device)
                        .setMeterId(device).setMeterSize(MeterSizes.normalize(raw.text("meter_size")).orElse(null))
                        .build()), List.of(), 0);
            }
            case "account" -> {
                Instant from = VendorTimestamps.parse(raw.text("valid_from"), zone);
                return new Normalized(List.of(GeneralMeter.newBuilder().setOrgId(org).setDeviceId(device)
                        .setAccountId(raw.text("account_id")).setLocationId(raw.text("location_id")).build()),
                        List.of(), 0, from);
            }
            case "register", "interval" -> {
                boolean register = raw.text("kind").equals("register");
                double cf;
                try {
                    cf = Units.toCubicFeet(Double.parseDouble(raw.text("value")), raw.text("unit"));
                } catch (IllegalArgumentException e) {
                    throw new NormalizationException("unit", "device " + device + ": " + e.getMessage(), e);
                }
                GeneralMeterRead.Builder read = GeneralMeterRead.newBuilder().setOrgId(org).setDeviceId(device)
                        .setFlowtime(VendorTimestamps.parse(raw.text("flowtime"), zone));
                if (register) {
                    read.setRegisterValue(cf).setRegisterUnit(Units.CUBIC_FEET);
                } else {
                    read.setIntervalValue(cf).setIntervalUnit(Units.CUBIC_FEET);
                }
                return new Normalized(List.of(), List.of(read.build()), 0);
            }
            default -> throw new NormalizationException("kind", "unknown kind " + raw.text("kind"));
        }
    }

    static SyntheticRaw meter(String org, String device, String size) {
        return raw(org, "meter", device).with("meter_size", size);
    }

    static SyntheticRaw account(String org, String device, String account, String location, String validFrom) {
        return raw(org, "account", device).with("account_id", account).with("location_id", location)
                .with("valid_from", validFrom);
    }

    static SyntheticRaw register(String org, String device, String localTime, String value, String unit) {
        return raw(org, "register", device).with("flowtime", localTime).with("value", value).with("unit", unit);
    }

    static SyntheticRaw interval(String org, String device, String localTime, String value, String unit) {
        return raw(org, "interval", device).with("flowtime", localTime).with("value", value).with("unit", unit);
    }

    private static SyntheticRaw raw(String org, String kind, String device) {
        SyntheticRaw r = new SyntheticRaw();
        r.put(0, ExtractMetadata.newBuilder().setOrgId(org).setRunId("run-1")
                .setExtractedAt(Instant.parse("2024-11-05T00:00:00Z")).setSource("synthetic " + kind).build());
        return r.with("kind", kind).with("device_id", device);
    }

    static RawEntity entityOf(SyntheticRaw raw) {
        return switch (raw.text("kind")) {
            case "meter" -> METERS;
            case "account" -> ACCOUNTS;
            case "register" -> REGISTERS;
            default -> INTERVALS;
        };
    }
}
