package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.core.vendorfile.VendorFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Beacon 360 source: one range report, every row published as a raw record.
 *
 * <p>The report is decoded in the character set the source configures, else the one its download names, else UTF-8
 * ({@link TextEncoding}); it is checked against {@link Beacon360Columns#DECLARED} before anything is published. When
 * the window is near a clock change of the source's zone, the report is read twice: first to see every device's
 * Read_Time, then to publish rows marked with what their local time resolved to ({@link ClockChangeResolver}).
 * A report that cannot be used as it is (not CSV, a required column missing) fails the run without retrying.
 */
final class Beacon360Extractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(Beacon360Extractor.class);

    private final SourceConfig source;
    private final Beacon360Settings settings;
    private final RawEntity entity;
    private final Beacon360Client client;
    private final Clock clock;

    Beacon360Extractor(SourceConfig source, RawEntity entity, Clock clock) {
        this.settings = source.settings(Beacon360Settings.class);
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
        TextEncoding encoding = TextEncoding.choose(settings.encoding(), report.contentType());
        ClockChangeResolver readTimes = ClockChangeResolver.around(Beacon360Columns.READ_TIME, source.timezone(),
                window.start(), window.end());
        List<String> warnings = new ArrayList<>();
        try {
            if (readTimes.active()) {
                try (InputStream in = open(report.file())) {
                    Beacon360RawRecords.observeReadTimes(in, encoding, sourceName, readTimes);
                }
                if (readTimes.problemRows() > 0) {
                    warnings.add(sourceName + ": " + readTimes.problemRows() + " row(s) have a Read_Time inside the "
                            + "spring-forward gap that, moved forward, is the time of another read of the same device;"
                            + " they become dead letters");
                }
                log.info("beacon_360 source '{}': {} row(s) of {} placed across the clock change of {}", source.orgId(),
                        readTimes.resolvedRows(), sourceName, source.timezone());
            }
            VendorCsv.Result result;
            try (InputStream in = open(report.file())) {
                result = Beacon360RawRecords.read(in, encoding, source.orgId(), window.runId(), extractedAt, sourceName,
                        readTimes.active() ? readTimes : null,
                        raw -> sink.publish(entity, RecordKeys.of(source.orgId(), raw.getEndpointSN()), raw));
            }
            warnings.addAll(0, result.warnings());
            log.info("beacon_360 source '{}': {} rows in {} ({}, {} warning(s))", source.orgId(), result.rows(),
                    sourceName, result.encoding().displayName(), warnings.size());
            return new ExtractSummary(result.rows(), 0, sourceName, warnings);
        } catch (IOException e) {
            throw new ExtractException(ExtractException.Kind.TRANSIENT, "beacon_360 source '" + source.orgId()
                    + "': cannot read downloaded " + sourceName + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // the downloaded file could not be read (never its content: undecodable bytes are replaced, not thrown)
            throw new ExtractException(ExtractException.Kind.TRANSIENT, "beacon_360 source '" + source.orgId() + "': "
                    + e.getMessage(), e);
        } catch (VendorFileException e) {
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

    private static InputStream open(Path file) throws IOException {
        return Files.newInputStream(file);
    }
}
