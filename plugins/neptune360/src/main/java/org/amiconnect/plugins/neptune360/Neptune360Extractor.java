package org.amiconnect.plugins.neptune360;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.plugins.neptune360.Neptune360Client.Listing;
import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Neptune 360 site: every endpoint of the site (the meters), then every read with a read time
 * in the window, each published as a raw record keyed {@code org_id|meter_number-miu_id}.
 *
 * <p>Duplicates the API returns (the same endpoint, or the same read of a device, twice) are dropped and counted
 * ({@link Neptune360Duplicates}): the summary's {@code skipped} and a warning say how many. Reads of a device the
 * endpoint listing did not name are published (the transformer emits them without account and location after the
 * metadata grace) and counted in a warning. A failed request fails the whole run; the extractor service publishes a
 * run's records in one transaction, so a run that fails on page 7 leaves nothing of pages 1–6 visible.
 */
final class Neptune360Extractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(Neptune360Extractor.class);

    private final SourceConfig source;
    private final Clock clock;
    private final Neptune360Settings settings;

    Neptune360Extractor(SourceConfig source, Clock clock) {
        this.settings = source.settings(Neptune360Settings.class);
        this.source = source;
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        // the simulator's address when simulated, else api_url (configuration requires one of them)
        URI baseUrl = source.endpoint().or(settings::apiUrl).orElseThrow(() -> new ExtractException(Kind.PERMANENT,
                "neptune source '" + source.orgId() + "': no api_url is configured and the source is not simulated"));
        Neptune360Client client = new Neptune360Client(source.orgId(), settings, baseUrl, clock);
        Instant extractedAt = clock.instant();
        ZoneId zone = source.timezone();
        String org = source.orgId();
        Neptune360Duplicates duplicates = new Neptune360Duplicates();
        Counts counts = new Counts();
        List<String> warnings = new ArrayList<>();

        client.list(Listing.ENDPOINTS, null, null, (items, request) -> {
            long position = 0;
            for (JsonNode item : items) {
                position++;
                counts.items++;
                if (!item.isObject()) {
                    counts.notObjects++;
                    warnings.add(request + " item " + position + " is not a JSON object and was skipped: " + item);
                    continue;
                }
                Neptune360Endpoint endpoint = Neptune360RawRecords.endpoint(item,
                        new Neptune360RawRecords.Origin(org, window.runId(), extractedAt, request, position));
                String device = Neptune360DeviceId.of(endpoint.getMeterNumber(), endpoint.getMiuId());
                if (device != null && !duplicates.firstEndpoint(device)) {
                    log.debug("neptune source '{}': {} item {}: endpoint {} listed again; dropped", org, request,
                            position, device);
                    continue;
                }
                sink.publish(Neptune360Adapter.ENDPOINT, RecordKeys.of(org, device), endpoint);
                counts.endpoints++;
            }
            checkInterrupt();
        });

        Set<String> unlisted = new HashSet<>();
        client.list(Listing.READS, window.start(), window.end(), (items, request) -> {
            long position = 0;
            for (JsonNode item : items) {
                position++;
                counts.items++;
                if (!item.isObject()) {
                    counts.notObjects++;
                    warnings.add(request + " item " + position + " is not a JSON object and was skipped: " + item);
                    continue;
                }
                Neptune360Read read = Neptune360RawRecords.read(item,
                        new Neptune360RawRecords.Origin(org, window.runId(), extractedAt, request, position));
                String device = Neptune360DeviceId.of(read.getMeterNumber(), read.getMiuId());
                if (device != null && read.getReadTime() != null && !firstRead(duplicates, device, read.getReadTime(), zone)) {
                    continue;
                }
                if (device != null && !duplicates.endpointSeen(device)) {
                    unlisted.add(device);
                    counts.unlistedReads++;
                }
                sink.publish(Neptune360Adapter.READ, RecordKeys.of(org, device), read);
                counts.reads++;
            }
            checkInterrupt();
        });

        if (duplicates.droppedEndpoints() > 0 || duplicates.droppedReads() > 0) {
            warnings.add("neptune source '" + org + "': dropped " + duplicates.droppedEndpoints()
                    + " duplicate endpoints (same meter_number-miu_id) and " + duplicates.droppedReads()
                    + " duplicate reads (same device and read time) the API returned");
        }
        if (counts.unlistedReads > 0) {
            warnings.add("neptune source '" + org + "': " + counts.unlistedReads + " reads of " + unlisted.size()
                    + " devices the endpoint listing did not name (e.g. " + unlisted.iterator().next()
                    + "); published, without account and location unless their endpoint arrives");
        }
        warnings.forEach(w -> log.warn(w));
        log.info("neptune source '{}': {} endpoints and {} reads published from {} listing items", org,
                counts.endpoints, counts.reads, counts.items);
        long skipped = duplicates.droppedEndpoints() + duplicates.droppedReads() + counts.notObjects;
        return new ExtractSummary(counts.items, skipped, "Neptune 360 site listings at " + baseUrl.getHost(), warnings);
    }

    /** Whether this is the device's first read at that time (by instant; by text when the time does not parse). */
    private static boolean firstRead(Neptune360Duplicates duplicates, String device, String readTime, ZoneId zone) {
        try {
            Instant at = VendorTimestamps.parse(readTime, zone);
            return at == null || duplicates.firstRead(device, at.getEpochSecond());
        } catch (DateTimeParseException e) {
            return duplicates.firstRead(device, readTime);
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("extract interrupted");
        }
    }

    /** What one extract saw. */
    private static final class Counts {
        long items;
        long endpoints;
        long reads;
        long notObjects;
        long unlistedReads;
    }
}
