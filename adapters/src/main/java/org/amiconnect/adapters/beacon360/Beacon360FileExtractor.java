package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.files.ScratchFolders;
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.vendorfile.JsonLinesAsCsv;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.core.vendorfile.VendorFileException;
import org.amiconnect.core.vendorfile.VendorFiles;

/**
 * Publishes Beacon 360 files a utility already holds instead of asking the API: range reports downloaded by hand (CSV,
 * as the Export Data Service writes them) and the Python predecessor's extract outputs ({@code meters_and_reads.json}:
 * one JSON object per report row, keyed by the report's column names; plain or gzip). Both are read like the API's
 * report ({@link Beacon360ReportFile}); each record's {@code extract.source} is the file's name.
 *
 * <p>The character set is the source's {@code encoding}, else UTF-8 (a file has no HTTP answer to name one); a byte
 * order mark decides. The clock-change resolution covers the span of Read_Times the file holds. A file that cannot be
 * read or used fails the run without retrying: reading it again gives the same answer.
 */
final class Beacon360FileExtractor implements Extractor {

    private static final DateTimeFormatter READ_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SourceConfig source;
    private final Beacon360Settings settings;
    private final Beacon360ReportFile reportFile;
    private final List<Path> files;
    private final Clock clock;

    Beacon360FileExtractor(SourceConfig source, RawEntity entity, List<Path> files, Clock clock) {
        this.source = source;
        this.settings = source.settings(Beacon360Settings.class);
        this.reportFile = new Beacon360ReportFile(source, entity);
        this.files = List.copyOf(files);
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException {
        long rows = 0;
        List<String> warnings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            ExtractSummary one = extractFile(file, window.runId(), sink);
            rows += one.sourceRows();
            warnings.addAll(one.warnings());
            names.add(one.source());
        }
        return new ExtractSummary(rows, 0, String.join(", ", names), warnings);
    }

    private ExtractSummary extractFile(Path file, String runId, RawRecordSink sink) throws ExtractException {
        String name = VendorFiles.sourceName(file);
        Path scratch = null;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ExtractException(ExtractException.Kind.PERMANENT, "beacon_360 source '" + source.orgId()
                        + "': " + file + " is not a file the extractor can read");
            }
            Path report = file;
            TextEncoding encoding = TextEncoding.choose(settings.encoding(), null);
            if (VendorFiles.isJsonLines(file)) {
                scratch = ScratchFolders.create(Beacon360RangeReports.TEMPORARY_KIND, source.orgId());
                Path csv = scratch.resolve("converted.csv");
                JsonLinesAsCsv.convert(file, csv, name);
                report = csv;
                encoding = TextEncoding.choose(Optional.of(StandardCharsets.UTF_8), null);
            }
            ClockChangeResolver readTimes = resolverFor(report, encoding, name);
            return reportFile.publish(report, name, encoding, readTimes, runId, clock.instant(), sink);
        } catch (IOException | UncheckedIOException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, "beacon_360 source '" + source.orgId()
                    + "': cannot read " + file + ": " + e.getMessage(), e);
        } catch (VendorFileException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, "beacon_360 source '" + source.orgId() + "': "
                    + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    ScratchFolders.delete(scratch);
                } catch (IOException e) {
                    // a later run sweeps it
                }
            }
        }
    }

    /** A resolver for the span of Read_Times in the file (its "window"), from a first pass over it. */
    private ClockChangeResolver resolverFor(Path report, TextEncoding encoding, String name) throws IOException {
        String[] span = new String[2];
        try (InputStream in = VendorFiles.open(report)) {
            VendorCsv.read(in, encoding, Beacon360Columns.DECLARED, name, row -> {
                String t = row.get(Beacon360Columns.READ_TIME);
                if (t != null && !t.isBlank()) {
                    if (span[0] == null || t.compareTo(span[0]) < 0) {
                        span[0] = t;
                    }
                    if (span[1] == null || t.compareTo(span[1]) > 0) {
                        span[1] = t;
                    }
                }
            });
        }
        Instant from = instant(span[0]);
        Instant to = instant(span[1]);
        if (from == null || to == null || to.isBefore(from)) {
            // no readable times: nothing to place across a clock change
            return ClockChangeResolver.around(Beacon360Columns.READ_TIME, source.timezone(), Instant.EPOCH,
                    Instant.EPOCH);
        }
        return ClockChangeResolver.around(Beacon360Columns.READ_TIME, source.timezone(), from, to);
    }

    private Instant instant(String readTime) {
        if (readTime == null || readTime.length() < 16) {
            return null;
        }
        try {
            return LocalDateTime.parse(readTime.substring(0, 16), READ_TIME).atZone(source.timezone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
