package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.vendorfile.TextEncoding;
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
    private final Beacon360ReportFile reportFile;
    private final Beacon360Client client;
    private final Clock clock;

    Beacon360Extractor(SourceConfig source, RawEntity entity, Clock clock) {
        this.settings = source.settings(Beacon360Settings.class);
        this.source = source;
        this.reportFile = new Beacon360ReportFile(source, entity);
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
        try {
            return reportFile.publish(report.file(), sourceName, encoding, readTimes, window.runId(), extractedAt, sink);
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
}
