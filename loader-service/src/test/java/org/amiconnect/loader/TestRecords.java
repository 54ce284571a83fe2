package org.amiconnect.loader;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;

/** Records as the transformer and the Beacon 360 extractor publish them. */
public final class TestRecords {

    public static final RawEntity BEACON_READS = new RawEntity("beacon360", "meter-read", Beacon360MeterRead.class,
            "beacon_360_base", Map.of("device_id", "Endpoint_SN"), List.of("device_id", "read_time"));

    private static final Instant INSTALLED = Instant.parse("2020-03-04T05:06:07.000008Z");

    private TestRecords() {
    }

    public static GeneralMeterRead read(String org, String device, Instant flowtime, Double register) {
        // the all-fields constructor: builders validate and copy, which dominates building 100k reads
        return new GeneralMeterRead(org, device, "acct-" + device, "loc-" + device, flowtime,
                register, register == null ? null : "CF", 0.5, "CF", "good", INSTALLED, 0, "marginal");
    }

    public static GeneralMeter meter(String org, String device, String address) {
        return GeneralMeter.newBuilder()
                .setOrgId(org).setDeviceId(device).setAccountId("acct-" + device).setLocationId("loc-" + device)
                .setMeterId("m-" + device).setEndpointId(device)
                .setMeterInstallDate(Instant.parse("2019-01-02T03:04:05Z"))
                .setMeterSize("0.625").setMeterManufacturer("BADGER").setMultiplier(null)
                .setLocationAddress(address).setLocationCity("Apple").setLocationState("CA").setLocationZip("93727")
                .build();
    }

    public static Beacon360MeterRead beaconRead(String org, String endpoint, String readTime, String read, long row) {
        return Beacon360MeterRead.newBuilder()
                .setAccountID("303022").setBatteryLevel("good").setEndpointSN(endpoint)
                .setFlow("5.0").setFlowTime(readTime).setFlowUnit("Gallons")
                .setLocationCity("Apple").setLocationLongitude("")
                .setRead(read).setReadTime(readTime).setReadUnit("CCF").setSignalStrength("marginal")
                .setExtract(ExtractMetadata.newBuilder().setOrgId(org).setRunId("run-1")
                        .setExtractedAt(Instant.parse("2024-08-02T12:00:00.000001Z"))
                        .setSource("report-1.csv").setSourceRecord(row).build())
                .build();
    }
}
