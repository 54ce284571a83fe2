package org.amiconnect.adapters.aclara;

import java.io.InputStream;
import java.time.Clock;

import org.amiconnect.adapters.sftpvendor.SftpSourceSettings;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;

/**
 * Publishes every row of one Aclara file, from the SFTP server or handed in: decoded in the source's {@code encoding}
 * (else UTF-8; a byte order mark decides), keyed by MeterSN.
 */
final class AclaraFile {

    private final SourceConfig source;
    private final RawEntity entity;
    private final Clock clock;

    AclaraFile(SourceConfig source, RawEntity entity, Clock clock) {
        this.source = source;
        this.entity = entity;
        this.clock = clock;
    }

    /** Publishes the rows of {@code in}, named {@code fileName}; see {@link AclaraRawRecords} for failures. */
    ExtractSummary publish(InputStream in, String fileName, String runId, RawRecordSink sink) {
        TextEncoding encoding = TextEncoding.choose(source.settings(SftpSourceSettings.class).encoding(), null);
        VendorCsv.Result result = AclaraRawRecords.read(in, encoding, source.orgId(), runId, clock.instant(), fileName,
                raw -> sink.publish(entity, RecordKeys.of(source.orgId(), raw.getMeterSN() == null ? ""
                        : raw.getMeterSN()), raw));
        return new ExtractSummary(result.rows(), 0, fileName, result.warnings());
    }
}
