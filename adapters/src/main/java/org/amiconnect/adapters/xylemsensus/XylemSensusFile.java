package org.amiconnect.adapters.xylemsensus;

import java.io.InputStream;
import java.time.Clock;

import org.amiconnect.adapters.sftpvendor.SftpSourceSettings;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.vendorfile.TextEncoding;

/** Publishes every line of one CMEP file, from the SFTP server or handed in, keyed by meter_id. */
final class XylemSensusFile {

    private final SourceConfig source;
    private final RawEntity entity;
    private final Clock clock;

    XylemSensusFile(SourceConfig source, RawEntity entity, Clock clock) {
        this.source = source;
        this.entity = entity;
        this.clock = clock;
    }

    /** Publishes the lines of {@code in}, named {@code fileName}; malformed lines are published as dead-letter records. */
    ExtractSummary publish(InputStream in, String fileName, String runId, RawRecordSink sink) {
        TextEncoding encoding = TextEncoding.choose(source.settings(SftpSourceSettings.class).encoding(), null);
        XylemSensusLines.Result result = XylemSensusLines.read(in, encoding, source.orgId(), runId, clock.instant(),
                fileName, raw -> sink.publish(entity, RecordKeys.of(source.orgId(),
                        raw.getMeterId() == null ? "" : raw.getMeterId()), raw));
        return new ExtractSummary(result.lines(), 0, fileName, result.warnings());
    }
}
