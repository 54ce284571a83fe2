package org.amiconnect.adapters.xylemsensus;

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
 * Extracts one window of a Xylem Sensus source: the CMEP files of the SFTP folder dated (MMDDYYYY before the
 * extension, as Aclara's) in the window and not yet ingested by a scheduled run, each streamed line by line
 * ({@link SftpDrop}, {@link XylemSensusLines}). The predecessor never extracted over SFTP (its code read a local
 * file); the file naming is an assumption to confirm with the utility's first delivery.
 */
final class XylemSensusExtractor implements Extractor {

    private final SourceConfig source;
    private final XylemSensusFile file;

    XylemSensusExtractor(SourceConfig source, RawEntity entity, Clock clock) {
        this.source = source;
        this.file = new XylemSensusFile(source, entity, clock);
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        return SftpDrop.extract(source, window, (in, name) -> file.publish(in, name, window.runId(), sink));
    }
}
