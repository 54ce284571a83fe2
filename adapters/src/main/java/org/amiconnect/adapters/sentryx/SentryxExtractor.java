package org.amiconnect.adapters.sentryx;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Sentryx source: every device (Sentryx lists them all, not by date), then the consumption of
 * the window (the utility's local wall-clock range), one raw record per device and per data point, keyed
 * {@code org|deviceId}. Devices are published first, so a read's device usually precedes it in its partition.
 *
 * <p>Sentryx writes naive local times; near a clock change each device's points are seen whole before they are
 * published, so two points at one repeated fall-back time are told apart by their registers and a spring-forward gap
 * time that collides with a real point is marked ({@link ClockChangeResolver}). A device or point without a
 * {@code deviceId} cannot be keyed: it is skipped and named in a warning.
 */
final class SentryxExtractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(SentryxExtractor.class);
    static final String TIME_STAMP = "timeStamp";

    private final SourceConfig source;
    private final SentryxClient client;
    private final Clock clock;

    SentryxExtractor(SourceConfig source, Clock clock) {
        SentryxSettings settings = source.settings(SentryxSettings.class);
        this.source = source;
        this.client = new SentryxClient(source.orgId(), settings, source.endpoint().orElse(settings.apiUrl()));
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        String org = source.orgId();
        Instant extractedAt = clock.instant();
        List<String> warnings = new ArrayList<>();
        AtomicLong skipped = new AtomicLong();
        AtomicLong position = new AtomicLong();
        String devicesSource = "sentryx devices";
        long devices = client.devices(node -> {
            long at = position.incrementAndGet();
            ExtractMetadata extract = metadata(window, extractedAt, devicesSource, at);
            var device = SentryxRawRecords.device(node, extract);
            if (device.getDeviceId() == null || device.getDeviceId().isBlank()) {
                skipped.incrementAndGet();
                warnings.add(devicesSource + " item " + at + " has no deviceId and is skipped: " + abbreviate(node.toString()));
                return;
            }
            sink.publish(SentryxAdapter.DEVICE, RecordKeys.of(org, device.getDeviceId()), device);
        });

        LocalDateTime start = LocalDateTime.ofInstant(window.start(), source.timezone());
        LocalDateTime end = LocalDateTime.ofInstant(window.end(), source.timezone());
        String consumptionSource = "sentryx consumption " + SentryxClient.RANGE_FORMAT.format(start) + ".."
                + SentryxClient.RANGE_FORMAT.format(end);
        AtomicLong points = new AtomicLong();
        AtomicLong resolved = new AtomicLong();
        long meters = client.consumption(start, end, node -> {
            ExtractMetadata extract = metadata(window, extractedAt, consumptionSource + " device "
                    + SentryxRawRecords.text(node, "deviceId"), null);
            List<SentryxConsumption> records = SentryxRawRecords.consumption(node, extract);
            points.addAndGet(records.size());
            String deviceId = SentryxRawRecords.text(node, "deviceId");
            if (deviceId == null || deviceId.isBlank()) {
                skipped.addAndGet(records.size());
                warnings.add(consumptionSource + ": a meter without deviceId and its " + records.size()
                        + " point(s) are skipped");
                return;
            }
            resolved.addAndGet(resolveLocalTimes(records, window));
            for (SentryxConsumption r : records) {
                sink.publish(SentryxAdapter.CONSUMPTION, RecordKeys.of(org, deviceId), r);
            }
        });
        if (resolved.get() > 0) {
            log.info("sentryx source '{}': {} point(s) placed across the clock change of {}", org, resolved.get(),
                    source.timezone());
        }
        log.info("sentryx source '{}': {} devices, {} consumption meters with {} points, {} skipped", org, devices,
                meters, points.get(), skipped.get());
        return new ExtractSummary(devices + points.get(), skipped.get(), devicesSource + " and " + consumptionSource,
                warnings);
    }

    /** Marks the points of one device whose naive local time only the device's other points can place. */
    private long resolveLocalTimes(List<SentryxConsumption> records, ExtractWindow window) {
        ClockChangeResolver times = ClockChangeResolver.around(TIME_STAMP, source.timezone(), window.start(), window.end());
        if (!times.active()) {
            return 0;
        }
        for (int i = 0; i < records.size(); i++) {
            SentryxConsumption r = records.get(i);
            times.observe(i, r.getDeviceId(), r.getTimeStamp(), registerCf(r));
        }
        for (int i = 0; i < records.size(); i++) {
            times.mark(i, records.get(i).getExtract());
        }
        return times.resolvedRows();
    }

    private static Double registerCf(SentryxConsumption r) {
        try {
            return r.getReading() == null || r.getUnits() == null ? null
                    : Units.toCubicFeet(Double.parseDouble(r.getReading()), r.getUnits());
        } catch (NumberFormatException | Units.UnknownUnitException e) {
            return null;
        }
    }

    private ExtractMetadata metadata(ExtractWindow window, Instant extractedAt, String sourceName, Long position) {
        return ExtractMetadata.newBuilder()
                .setOrgId(source.orgId())
                .setRunId(window.runId())
                .setExtractedAt(extractedAt)
                .setSource(sourceName)
                .setSourceRecord(position)
                .build();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
