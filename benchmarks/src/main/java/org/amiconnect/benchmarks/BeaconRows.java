package org.amiconnect.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/** Raw Beacon 360 rows of a simulated utility, as the extractor publishes them. */
final class BeaconRows {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BeaconRows() {
    }

    static List<Beacon360MeterRead> generate(int meters, Instant from, Instant to) {
        return stream("bench_org", "bench-run", meters, from, to).toList();
    }

    /**
     * The rows one at a time, so that a large utility is never held in memory.
     *
     * @param from first read time (inclusive, UTC)
     * @param to last read time (exclusive, UTC)
     */
    static Stream<Beacon360MeterRead> stream(String orgId, String runId, int meters, Instant from, Instant to) {
        UtilityGenerator generator = new UtilityGenerator(42, meters, ZONE);
        Instant extractedAt = Instant.parse("2026-06-12T00:00:00Z");
        long[] row = {0};
        return generator.reads(from, to).map(read -> toRaw(read, orgId, runId, extractedAt, ++row[0]));
    }

    /**
     * The rows of {@code hours} hours from {@code from}, hour by hour: every meter's read of one hour before the next
     * hour's, as Beacon 360's one-hour reports list them (a 1 M-meter day is fetched as 24 of them).
     */
    static Stream<Beacon360MeterRead> streamByHour(String orgId, String runId, int meters, Instant from, int hours) {
        UtilityGenerator generator = new UtilityGenerator(42, meters, ZONE);
        Instant extractedAt = Instant.parse("2026-06-12T00:00:00Z");
        long[] row = {0};
        return IntStream.range(0, hours).mapToObj(h -> from.plus(Duration.ofHours(h)))
                .flatMap(hour -> generator.reads(hour, hour.plus(Duration.ofHours(1))))
                .map(read -> toRaw(read, orgId, runId, extractedAt, ++row[0]));
    }

    private static Beacon360MeterRead toRaw(SimulatedRead read, String orgId, String runId, Instant extractedAt, long row) {
        SimulatedMeter m = read.meter();
        Beacon360MeterRead r = new Beacon360MeterRead();
        r.setAccountID(m.accountId());
        r.setBatteryLevel(m.batteryLevel());
        r.setEndpointInstallDate(TIME.format(m.endpointInstallDate()));
        r.setEndpointSN(m.endpointSn());
        r.setEstimatedFlag(String.valueOf(read.estimatedFlag()));
        r.setFlow(read.flowString());
        r.setFlowTime(read.readTimeText());
        r.setFlowUnit(read.flowUnit());
        r.setLocationAddressLine1(m.addressLine1());
        r.setLocationCity(m.city());
        r.setLocationID(m.locationId());
        r.setLocationState(m.state());
        r.setLocationZIP(m.zip());
        r.setMeterID(m.meterId());
        r.setMeterInstallDate(TIME.format(m.meterInstallDate()));
        r.setMeterManufacturer(m.manufacturer());
        r.setMeterSizeDesc(m.meterSizeDesc());
        r.setRawRead(read.rawRead());
        r.setRead(read.readString());
        r.setReadTime(read.readTimeText());
        r.setReadUnit(read.readUnit());
        r.setSignalStrength(m.signalStrength());
        r.setExtract(ExtractMetadata.newBuilder().setOrgId(orgId).setRunId(runId).setExtractedAt(extractedAt)
                .setSource("benchmark report").setSourceRecord(row).build());
        return r;
    }
}
