package org.amiconnect.adapters.beacon360;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Extracts one window of a Beacon 360 source: one range report, every row published as a raw record. */
final class Beacon360Extractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(Beacon360Extractor.class);

    private final SourceConfig source;
    private final RawEntity entity;
    private final Beacon360Client client;
    private final Clock clock;

    Beacon360Extractor(SourceConfig source, RawEntity entity, Clock clock) {
        Beacon360Settings settings = source.settings(Beacon360Settings.class);
        this.source = source;
        this.entity = entity;
        this.client = new Beacon360Client(source.orgId(), settings, source.endpoint().orElse(settings.apiUrl()));
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        // Beacon's range parameters are the utility's local wall-clock time
        LocalDateTime start = LocalDateTime.ofInstant(window.start(), source.timezone());
        LocalDateTime end = LocalDateTime.ofInstant(window.end(), source.timezone());
        Beacon360Client.Report report = client.fetchRangeReport(start, end);
        String sourceName = "beacon360 report " + report.edsUuid();
        Instant extractedAt = clock.instant();
        try (BufferedReader reader = Files.newBufferedReader(report.file(), StandardCharsets.UTF_8)) {
            long rows = Beacon360RawRecords.read(reader, source.orgId(), window.runId(), extractedAt, sourceName,
                    raw -> sink.publish(entity, RecordKeys.of(source.orgId(), raw.getEndpointSN()), raw));
            log.info("beacon_360 source '{}': {} rows in {}", source.orgId(), rows, sourceName);
            return new ExtractSummary(rows, 0, sourceName);
        } catch (IOException e) {
            throw new ExtractException(ExtractException.Kind.TRANSIENT, "beacon_360 source '" + source.orgId()
                    + "': cannot read downloaded " + sourceName + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // Beacon360RawRecords reports read failures of the downloaded file unchecked; its message names the report
            throw new ExtractException(ExtractException.Kind.TRANSIENT, "beacon_360 source '" + source.orgId() + "': "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, "beacon_360 source '" + source.orgId() + "': "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(report.file());
            } catch (IOException e) {
                log.warn("Cannot delete temporary report {}", report.file(), e);
            }
        }
    }
}
