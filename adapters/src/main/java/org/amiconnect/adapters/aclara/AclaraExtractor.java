package org.amiconnect.adapters.aclara;

import java.time.Clock;

import org.amiconnect.adapters.sftpvendor.SftpDrop;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;

/**
 * Extracts one window of an Aclara source: the files {@code CaDC_Readings_MMDDYYYY.csv} of the SFTP folder dated in
 * the window (first day included, unlike the predecessor) and not yet ingested by a scheduled run, each streamed and
 * published row by row ({@link SftpDrop}, {@link AclaraRawRecords}). Files often hold reads 1–2 days older than their
 * date; all are kept.
 */
final class AclaraExtractor implements Extractor {

    private final SourceConfig source;
    private final AclaraFile file;

    AclaraExtractor(SourceConfig source, RawEntity entity, Clock clock) {
        this.source = source;
        this.file = new AclaraFile(source, entity, clock);
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        return SftpDrop.extract(source, window, (in, name) -> file.publish(in, name, window.runId(), sink));
    }
}
