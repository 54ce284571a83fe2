package org.amiconnect.adapters.sftpvendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.adapters.ssh.SftpFolder;
import org.amiconnect.adapters.ssh.SshConnection;
import org.amiconnect.adapters.ssh.SshFailure;
import org.amiconnect.adapters.ssh.SshLogin;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.vendorfile.VendorFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extract of a vendor that drops dated files on an SFTP server: sign in (host key checked, password), list the
 * folder, keep the files whose name dates fall in the window ({@link DatedFiles}) and that no earlier run ingested
 * ({@link ExtractWindow#ingestedFiles()}, identified as {@code name@size}, so a file the vendor re-uploads with other
 * content is read again), and stream each through the vendor's reader, oldest first. Nothing is written to disk.
 *
 * <p>Errors become {@link ExtractException}s naming the org, the server and the file: a refused login is
 * {@code AUTH}, a host key other than the configured one and a file the vendor's reader rejects are
 * {@code PERMANENT}, a broken connection is {@code TRANSIENT} (the run is retried from its first file: its records are
 * one transaction, so nothing of the failed attempt is visible).
 */
public final class SftpDrop {

    /** Reads one vendor file and publishes its records. */
    @FunctionalInterface
    public interface FileReader {

        /**
         * @param in the file's bytes, streamed from the server
         * @param fileName names the file in records and warnings
         * @throws VendorFileException when the file cannot be used as it is
         * @throws UncheckedIOException when its bytes cannot be read (the connection broke)
         */
        ExtractSummary read(InputStream in, String fileName) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(SftpDrop.class);

    private SftpDrop() {
    }

    /** The identity under which a run records a file it ingested: {@code name@size}. */
    public static String fileId(String name, long size) {
        return name + "@" + size;
    }

    /**
     * Extracts {@code window} of {@code source}.
     *
     * @return the rows of every file read, their warnings (and one for a window without any dated file), and the files
     *     ingested
     */
    public static ExtractSummary extract(SourceConfig source, ExtractWindow window, FileReader reader)
            throws ExtractException, InterruptedException {
        SftpSourceSettings settings = source.settings(SftpSourceSettings.class);
        String what = source.type() + " source '" + source.orgId() + "'";
        List<String> warnings = new ArrayList<>();
        List<String> ingested = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long rows = 0;
        long skipped = 0;
        try (SshConnection ssh = SshConnection.open(settings.target(source.orgId(), source.endpoint()),
                SshLogin.password(settings.password()));
                SftpFolder sftp = ssh.sftp()) {
            List<SftpFolder.RemoteFile> chosen = new ArrayList<>();
            int dated = 0;
            int already = 0;
            for (SftpFolder.RemoteFile f : sftp.list(settings.remoteDirectory())) {
                Optional<LocalDate> date = DatedFiles.dateOf(f.name());
                if (date.isEmpty()) {
                    log.info("{}: {} has no MMDDYYYY date before its extension; skipped", what, f.path());
                    continue;
                }
                if (!DatedFiles.inWindow(date.get(), window.start(), window.end(), source.timezone())) {
                    continue;
                }
                dated++;
                if (window.ingestedFiles().contains(fileId(f.name(), f.size()))) {
                    already++;
                    continue;
                }
                chosen.add(f);
            }
            chosen.sort((a, b) -> DatedFiles.dateOf(a.name()).get().compareTo(DatedFiles.dateOf(b.name()).get()));
            if (dated == 0) {
                warnings.add(what + ": no file in " + settings.remoteDirectory() + " on " + ssh.target().address()
                        + " is dated between " + java.time.LocalDate.ofInstant(window.start(), source.timezone())
                        + " and " + java.time.LocalDate.ofInstant(window.end(), source.timezone()));
            } else if (already > 0) {
                log.info("{}: {} file(s) of the window were ingested by earlier runs; skipped", what, already);
            }
            for (SftpFolder.RemoteFile f : chosen) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                ExtractSummary one;
                try (InputStream in = sftp.open(f.path())) {
                    one = reader.read(in, f.name());
                }
                rows += one.sourceRows();
                skipped += one.skipped();
                warnings.addAll(one.warnings());
                names.add(f.name());
                ingested.add(fileId(f.name(), f.size()));
                log.info("{}: {} rows of {} ({} bytes)", what, one.sourceRows(), f.path(), f.size());
            }
        } catch (SshFailure e) {
            throw translate(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SshFailure f) {
                throw translate(f);
            }
            throw new ExtractException(ExtractException.Kind.TRANSIENT, what + ": " + e.getMessage(), e);
        } catch (VendorFileException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtractException(ExtractException.Kind.TRANSIENT, what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // a known-hosts entry without a usable key: the configuration must change
            throw new ExtractException(ExtractException.Kind.PERMANENT, e.getMessage(), e);
        }
        return new ExtractSummary(rows, skipped, names.isEmpty() ? "no new file" : String.join(", ", names), warnings,
                ingested);
    }

    private static ExtractException translate(SshFailure e) {
        ExtractException.Kind kind = switch (e.kind()) {
            case AUTH -> ExtractException.Kind.AUTH;
            case HOST_KEY, REFUSED -> ExtractException.Kind.PERMANENT;
            case CONNECTION -> ExtractException.Kind.TRANSIENT;
        };
        return new ExtractException(kind, e.getMessage(), e);
    }
}
