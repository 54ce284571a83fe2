package org.amiconnect.adapters.aclara;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.adapters.sftpvendor.SftpDrop;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.vendorfile.VendorFileException;
import org.amiconnect.core.vendorfile.VendorFiles;

/**
 * Publishes Aclara files a utility already holds ({@code amiconnect extract --file}), plain or gzip, read exactly as
 * those from the SFTP server; each record's {@code extract.source} is the file's name. A file that cannot be read or
 * used fails the run without retrying. The run names the files it ingested, so a later scheduled run does not publish
 * them again when they are also on the server with the same size.
 */
final class AclaraFileExtractor implements Extractor {

    private final SourceConfig source;
    private final AclaraFile file;
    private final List<Path> files;

    AclaraFileExtractor(SourceConfig source, RawEntity entity, List<Path> files, Clock clock) {
        this.source = source;
        this.file = new AclaraFile(source, entity, clock);
        this.files = List.copyOf(files);
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException {
        long rows = 0;
        List<String> warnings = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> ingested = new ArrayList<>();
        for (Path path : files) {
            String name = VendorFiles.sourceName(path);
            try (InputStream in = VendorFiles.open(path)) {
                ExtractSummary one = file.publish(in, name, window.runId(), sink);
                rows += one.sourceRows();
                warnings.addAll(one.warnings());
                names.add(name);
                ingested.add(SftpDrop.fileId(String.valueOf(path.getFileName()), size(path)));
            } catch (IOException | UncheckedIOException e) {
                throw new ExtractException(ExtractException.Kind.PERMANENT, "aclara source '" + source.orgId()
                        + "': cannot read " + path + ": " + e.getMessage(), e);
            } catch (VendorFileException e) {
                throw new ExtractException(ExtractException.Kind.PERMANENT, "aclara source '" + source.orgId() + "': "
                        + e.getMessage(), e);
            }
        }
        return new ExtractSummary(rows, 0, String.join(", ", names), warnings, ingested);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }
}
