package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Beacon 360 source: its range reports ({@link Beacon360RangeReports}: one, or several when
 * Beacon's row cap needs them, each from the raw-report cache when the source keeps one), every row published as a raw
 * record. Each report is published as soon as it is downloaded, while the next one downloads, and deleted once
 * published: at most {@link Beacon360RangeReports#REPORTS_AT_ONCE} downloads exist at a time, however long the window.
 * While the next report is not ready the sink is told so ({@link RawRecordSink#awaitingSource()}), so that it can
 * commit a transaction that grew old meanwhile.
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
    private final Beacon360RangeReports reports;
    private final Clock clock;

    Beacon360Extractor(SourceConfig source, RawEntity entity, Clock clock) {
        this.settings = source.settings(Beacon360Settings.class);
        this.source = source;
        this.reportFile = new Beacon360ReportFile(source, entity);
        Beacon360Client client = new Beacon360Client(source.orgId(), settings,
                source.endpoint().orElse(settings.apiUrl()));
        this.reports = new Beacon360RangeReports(source.orgId(), client,
                settings.rawDataCache().map(folder -> new Beacon360ReportCache(folder, source.orgId())),
                settings.reportRowCap(), settings.expectedConnections());
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        // Beacon's range parameters are the utility's local wall-clock time
        LocalDateTime start = LocalDateTime.ofInstant(window.start(), source.timezone());
        LocalDateTime end = LocalDateTime.ofInstant(window.end(), source.timezone());
        // each report is published as soon as it is downloaded, and deleted once published
        Instant extractedAt = clock.instant(); // one extract run has one extraction instant, however many reports
        long rows = 0;
        long skipped = 0;
        List<String> sources = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (Beacon360RangeReports.Reports fetched = reports.open(start, end)) {
            for (Beacon360RangeReports.Fetched report; (report = fetched.next(sink::awaitingSource)) != null; ) {
                try {
                    ExtractSummary one = publish(report, window, extractedAt, sink);
                    reports.observed(report.range(), one.sourceRows());
                    rows += one.sourceRows();
                    skipped += one.skipped();
                    sources.add(one.source());
                    warnings.addAll(one.warnings());
                } finally {
                    fetched.done(report);
                }
            }
            log.info("beacon_360 source '{}': {} report(s) published, at most {} held at once", source.orgId(),
                    sources.size(), fetched.mostHeld());
        }
        return new ExtractSummary(rows, skipped, String.join(", ", sources), warnings);
    }

    /** Publishes one report's rows; the Read_Time resolver spans the report's own range. */
    private ExtractSummary publish(Beacon360RangeReports.Fetched fetched, ExtractWindow window, Instant extractedAt,
            RawRecordSink sink) throws ExtractException {
        Beacon360Client.Report report = fetched.report();
        String sourceName = fetched.temporary() ? "beacon360 report " + report.edsUuid()
                : "beacon360 cached report " + report.file().getFileName();
        TextEncoding encoding = TextEncoding.choose(settings.encoding(), report.contentType());
        ClockChangeResolver readTimes = ClockChangeResolver.around(Beacon360Columns.READ_TIME, source.timezone(),
                instant(fetched.range().start(), window.start()), instant(fetched.range().end(), window.end()));
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
        }
    }

    /** A range bound as an instant: the window's own bound where they meet, else the local time in the zone. */
    private Instant instant(LocalDateTime local, Instant windowBound) {
        return LocalDateTime.ofInstant(windowBound, source.timezone()).equals(local) ? windowBound
                : local.atZone(source.timezone()).toInstant();
    }
}
