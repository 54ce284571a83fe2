package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional raw-report cache of a Beacon 360 source ({@code use_raw_data_cache}, python-ami-connect §2.2): a
 * folder ({@code cache_folder}, default {@code ./output}) where each downloaded report is kept as
 * {@code beacon-360-<org>-<start>-<end>-cached-report.txt} (start and end as the predecessor wrote them, e.g.
 * {@code 2024-08-01T00:00:00}), so that a later extract of the same range reads the file instead of asking Beacon
 * again (a report of a large utility takes Beacon most of an hour). A predecessor's cache folder is read as it is.
 *
 * <p>Like the predecessor, a successful extract deletes the older cached reports; unlike it, only the same org's
 * ({@code beacon-360-<org>-*cached-report*}), so that sources sharing a folder do not delete each other's. The
 * download's Content-Type (which may name the report's character set) is kept beside the report in
 * {@code <report>.content-type}.
 */
final class Beacon360ReportCache {

    private static final Logger log = LoggerFactory.getLogger(Beacon360ReportCache.class);
    /** Python's {@code datetime.isoformat()} of a whole-second time. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String SUFFIX = "-cached-report.txt";
    private static final String CONTENT_TYPE = ".content-type";

    private final Path folder;
    private final String orgId;

    Beacon360ReportCache(Path folder, String orgId) {
        this.folder = folder;
        this.orgId = orgId;
    }

    /** The cache file of a range, whether or not it exists. */
    Path fileFor(LocalDateTime start, LocalDateTime end) {
        return folder.resolve(prefix() + ISO.format(start) + "-" + ISO.format(end) + SUFFIX);
    }

    /** The cached report of the range, if one is kept (its file stays in the cache: the caller must not delete it). */
    Optional<Beacon360Client.Report> lookup(LocalDateTime start, LocalDateTime end) throws IOException {
        Path file = fileFor(start, end);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path type = sidecar(file);
        String contentType = Files.isRegularFile(type) ? Files.readString(type, StandardCharsets.UTF_8).trim() : null;
        log.info("beacon_360 source '{}': using the cached report {} instead of asking Beacon", orgId, file);
        return Optional.of(new Beacon360Client.Report("cached", file.getFileName().toString(), file,
                contentType == null || contentType.isEmpty() ? null : contentType));
    }

    /**
     * Moves a downloaded report into the cache as the range's file (written beside it first, then renamed, so a
     * crash never leaves half a report under the cache's name).
     *
     * @return the report as kept in the cache
     */
    Beacon360Client.Report keep(LocalDateTime start, LocalDateTime end, Beacon360Client.Report downloaded)
            throws IOException {
        Files.createDirectories(folder);
        Path file = fileFor(start, end);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.move(downloaded.file(), partial, StandardCopyOption.REPLACE_EXISTING);
        if (downloaded.contentType() != null) {
            Files.writeString(sidecar(file), downloaded.contentType(), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(sidecar(file));
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Beacon360Client.Report(downloaded.edsUuid(), downloaded.reportUrl(), file, downloaded.contentType());
    }

    /** Deletes this org's cached reports other than {@code current} (after a successful extract). */
    void deleteOthers(Set<Path> current) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix() + "*cached-report*")) {
            for (Path file : files) {
                Path report = file.getFileName().toString().endsWith(CONTENT_TYPE)
                        ? file.resolveSibling(file.getFileName().toString().replace(CONTENT_TYPE, "")) : file;
                if (!current.contains(report)) {
                    Files.deleteIfExists(file);
                    log.info("beacon_360 source '{}': deleted the older cached report {}", orgId, file);
                }
            }
        } catch (IOException e) {
            log.warn("beacon_360 source '{}': cannot clean the report cache {}: {}", orgId, folder, e.toString());
        }
    }

    private String prefix() {
        return "beacon-360-" + orgId + "-";
    }

    private static Path sidecar(Path report) {
        return report.resolveSibling(report.getFileName() + CONTENT_TYPE);
    }
}
