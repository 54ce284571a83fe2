package org.amiconnect.adapters.xylemsensus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.vendorfile.VendorFiles;

/**
 * Publishes CMEP files a utility already holds ({@code amiconnect extract --file}), plain or gzip, read exactly as
 * those from the SFTP server; each record's {@code extract.source} is the file's name. A file that cannot be read
 * fails the run without retrying.
 */
final class XylemSensusFileExtractor implements Extractor {

    private final SourceConfig source;
    private final XylemSensusFile file;
    private final List<Path> files;

    XylemSensusFileExtractor(SourceConfig source, RawEntity entity, List<Path> files, Clock clock) {
        this.source = source;
        this.file = new XylemSensusFile(source, entity, clock);
        this.files = List.copyOf(files);
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException {
        long lines = 0;
        List<String> warnings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path path : files) {
            String name = VendorFiles.sourceName(path);
            try (InputStream in = VendorFiles.open(path)) {
                ExtractSummary one = file.publish(in, name, window.runId(), sink);
                lines += one.sourceRows();
                warnings.addAll(one.warnings());
                names.add(name);
            } catch (IOException | UncheckedIOException e) {
                throw new ExtractException(ExtractException.Kind.PERMANENT, "xylem_sensus source '" + source.orgId()
                        + "': cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return new ExtractSummary(lines, 0, String.join(", ", names), warnings);
    }
}
