package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.core.vendorfile.VendorFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every row of one Beacon 360 report file as a raw record: the report the API delivered or one a utility
 * hands in. Both go through the same reading: {@link VendorCsv} with {@link Beacon360Columns#DECLARED} (required
 * columns checked before anything is published, byte order mark skipped, undecodable bytes read as Windows-1252 with a
 * warning) and, near a clock change, a first pass that places the Read_Times the zone alone cannot
 * ({@link ClockChangeResolver}).
 */
final class Beacon360ReportFile {

    private static final Logger log = LoggerFactory.getLogger(Beacon360ReportFile.class);

    private final SourceConfig source;
    private final RawEntity entity;

    Beacon360ReportFile(SourceConfig source, RawEntity entity) {
        this.source = source;
        this.entity = entity;
    }

    /**
     * @param file the report (plain or gzip)
     * @param sourceName names the report in every record's {@code extract.source} and in warnings
     * @param readTimes the resolver for the report's window (read twice when it is active)
     * @throws IOException when the file cannot be read
     * @throws org.amiconnect.core.vendorfile.VendorFileException when the report cannot be used as it is
     */
    ExtractSummary publish(Path file, String sourceName, TextEncoding encoding, ClockChangeResolver readTimes,
            String runId, Instant extractedAt, RawRecordSink sink) throws IOException {
        List<String> warnings = new ArrayList<>();
        if (readTimes.active()) {
            try (InputStream in = VendorFiles.open(file)) {
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
        try (InputStream in = VendorFiles.open(file)) {
            result = Beacon360RawRecords.read(in, encoding, source.orgId(), runId, extractedAt, sourceName,
                    readTimes.active() ? readTimes : null,
                    raw -> sink.publish(entity, RecordKeys.of(source.orgId(), raw.getEndpointSN()), raw));
        }
        warnings.addAll(0, result.warnings());
        log.info("beacon_360 source '{}': {} rows in {} ({}, {} warning(s))", source.orgId(), result.rows(),
                sourceName, result.encoding().displayName(), warnings.size());
        return new ExtractSummary(result.rows(), 0, sourceName, warnings);
    }
}
