package org.amiconnect.schemas.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every generated record type. Instants have microsecond precision, like the schemas. */
final class SampleRecords {

    static final Instant T1 = Instant.parse("2024-08-01T07:59:00.123456Z");
    static final Instant T2 = Instant.parse("2024-08-02T00:00:00Z");

    private SampleRecords() {
    }

    static GeneralMeter meter() {
        return GeneralMeter.newBuilder()
                .setOrgId("cadc").setDeviceId("1470158170").setAccountId("acc-1").setLocationId("loc-9")
                .setMeterId("M-77").setEndpointId("130615549").setMeterInstallDate(T1).setMeterSize("0.625")
                .setMeterManufacturer("Sensus").setMultiplier(1.0).setLocationAddress("1 Main St")
                .setLocationCity("Springfield").setLocationState("CA").setLocationZip("94000")
                .build();
    }

    static GeneralMeterRead read() {
        return GeneralMeterRead.newBuilder()
                .setOrgId("cadc").setDeviceId("1470158170").setAccountId("acc-1").setLocationId("loc-9")
                .setFlowtime(T1).setRegisterValue(22760.0).setRegisterUnit("CF").setIntervalValue(1.5)
                .setIntervalUnit("CF").setBattery("Good").setInstallDate(T2).setEstimated(0).setConnection("strong")
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setOriginalTopic("ami.raw.beacon360.meter-read").setOriginalPartition(2).setOriginalOffset(41L)
                .setOriginalKey(ByteBuffer.wrap("cadc|1470158170".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF}))
                .setStage("normalize").setErrorClass("IllegalArgumentException")
                .setErrorMessage("record 7: field Read: not a number").setOrgId("cadc").setRunId("run-1")
                .setSource("report.csv row 7").setFailedAt(T1)
                .build();
    }

    static ExtractRequest extractRequest() {
        return ExtractRequest.newBuilder()
                .setRequestId("req-1").setOrgId("cadc").setRangeStart(T1).setRangeEnd(T2).setReason("backfill")
                .setRequestedBy("ops").setRequestedAt(T2)
                .build();
    }

    static ExtractRun extractRun() {
        return ExtractRun.newBuilder()
                .setRunId("run-1").setOrgId("cadc").setSourceType("beacon_360").setExtractName("standard")
                .setState(ExtractRunState.SUCCEEDED).setRangeStart(T1).setRangeEnd(T2).setRequestId("req-1")
                .setRecordsPublished(Map.of("ami.raw.beacon360.meter-read", 1200L)).setRecordsSkipped(3L)
                .setChunkIndex(1).setChunkCount(4).setBackfillId("bf-1").setError(null)
                .setCreatedAt(T1).setUpdatedAt(T2)
                .build();
    }

    static ExtractMetadata extractMetadata() {
        return ExtractMetadata.newBuilder()
                .setOrgId("cadc").setRunId("run-1").setExtractedAt(T2).setSource("report.csv").setSourceRecord(7L)
                .build();
    }

    static Beacon360MeterRead beaconRead() {
        return Beacon360MeterRead.newBuilder()
                .setAccountID("acc-1").setEndpointSN("130615549").setFlow("").setFlowTime("2024-08-01 07:59")
                .setRead("22760").setReadUnit("CF").setReadTime("2024-08-01 07:59").setMeterID("M-77")
                .setExtract(extractMetadata())
                .build();
    }

    static List<SpecificRecord> all() {
        return List.of(meter(), read(), deadLetter(), extractRequest(), extractRun(), extractMetadata(), beaconRead());
    }
}
