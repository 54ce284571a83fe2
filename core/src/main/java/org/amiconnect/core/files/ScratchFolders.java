package org.amiconnect.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary folders of a run (report downloads, spool files) that a crash cannot leave behind for good: each folder's
 * name carries the process that owns it, and making a folder first sweeps the folders of the same kind whose owner
 * is gone.
 *
 * <p>A folder is {@code <kind><name>-pid<pid>-t<start>-<random>} in the system's temporary folder, e.g.
 * {@code amiconnect-beacon360-my_org-pid4711-t1764590400123-80734527}: {@code start} is the owner's start time in
 * epoch milliseconds. The owner is alive when a process with that id runs and started at that time (within
 * {@link #START_TOLERANCE}): a process id reused after the owner died does not keep its folder. The owner is part of
 * the name, not a file inside, so no folder is ever seen without it: one made a moment ago by another process is never
 * taken for a leftover.
 *
 * <p>Why the owner and not an age: two extractors on one host (or two sources in one process) each make folders of the
 * same kind, and a long backfill keeps its folder for hours; sweeping by age would delete a live run's downloads, while
 * a dead owner is certain. The process check sees only processes of the same PID namespace, so containers sharing a
 * temporary folder must each have their own kind. Folders of the kind without an owner in their name (made before
 * owners were named) are swept once nothing in them changed for {@link #UNOWNED_AGE}.
 */
public final class ScratchFolders {

    private static final Logger log = LoggerFactory.getLogger(ScratchFolders.class);

    /** How far two readings of one process's start time may differ. */
    static final Duration START_TOLERANCE = Duration.ofSeconds(2);
    /** How long a folder of the kind without an owner in its name must have been untouched before it is swept. */
    static final Duration UNOWNED_AGE = Duration.ofDays(1);
    private static final Pattern OWNER = Pattern.compile("-pid(\\d+)-t(\\d+)-\\d+$");

    private ScratchFolders() {
    }

    /**
     * Sweeps the leftovers of {@code kind} in the system's temporary folder, then makes a folder of this process.
     *
     * @param kind the start of every folder of this kind, e.g. {@code amiconnect-beacon360-}
     * @param name what tells this folder apart within the kind (e.g. the org id; may be empty); characters other than
     *     letters, digits, {@code _}, {@code .} and {@code -} become {@code _}
     * @return the new, empty folder; the caller deletes it with {@link #delete} when done
     * @throws IOException when the folder cannot be made (a failed sweep is only logged)
     */
    public static Path create(String kind, String name) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), kind, name);
    }

    /** As {@link #create(String, String)}, in {@code parent}. */
    static Path create(Path parent, String kind, String name) throws IOException {
        sweep(parent, kind);
        ProcessHandle self = ProcessHandle.current();
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Files.createTempDirectory(parent, kind + (safe.isEmpty() ? "" : safe + "-") + "pid" + self.pid() + "-t"
                + startMillis(self).orElse(0L) + "-");
    }

    /**
     * Deletes every folder (or file) of {@code kind} in {@code parent} whose owner is gone, logging each with its size
     * at INFO. One that disappears meanwhile (another process swept it) is skipped.
     *
     * @return the paths swept
     */
    public static List<Path> sweep(Path parent, String kind) {
        List<Path> swept = new ArrayList<>();
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(parent)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(kind)).toList();
        } catch (IOException e) {
            log.warn("Cannot look for leftover temporary folders {}* in {}: {}", kind, parent, e.toString());
            return swept;
        }
        for (Path candidate : candidates) {
            try {
                Optional<String> gone = ownerGone(candidate);
                if (gone.isPresent()) {
                    long bytes = size(candidate);
                    delete(candidate);
                    swept.add(candidate);
                    log.info("Removed leftover temporary folder {} ({} bytes): {}", candidate, bytes, gone.get());
                }
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
                if (!(cause instanceof NoSuchFileException)) { // else swept by another process meanwhile
                    log.warn("Cannot remove leftover temporary folder {}: {}", candidate, cause.toString());
                }
            }
        }
        return swept;
    }

    /** Deletes a folder with everything in it (or a file); one already gone is fine. */
    public static void delete(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(path);
        }
    }

    /** Why nobody owns {@code path} any more, or empty while its owner may still use it. */
    private static Optional<String> ownerGone(Path path) throws IOException {
        Matcher m = OWNER.matcher(path.getFileName().toString());
        if (!m.find()) {
            Instant touched = newestChange(path);
            return touched.isBefore(Instant.now().minus(UNOWNED_AGE))
                    ? Optional.of("it names no owner and nothing in it changed since " + touched)
                    : Optional.empty();
        }
        long pid = Long.parseLong(m.group(1));
        long start = Long.parseLong(m.group(2));
        Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (owner.isEmpty()) {
            return Optional.of("its process " + pid + " is gone");
        }
        Optional<Long> started = startMillis(owner.get());
        if (start != 0 && started.isPresent()
                && Math.abs(started.get() - start) > START_TOLERANCE.toMillis()) {
            return Optional.of("its process " + pid + " is gone (that id now belongs to a process started at "
                    + Instant.ofEpochMilli(started.get()) + ")");
        }
        return Optional.empty(); // alive, or its start time unknown: kept rather than risk a live run's files
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static Instant newestChange(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            return all.map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(Comparator.naturalOrder()).map(FileTime::toInstant).orElse(Instant.now());
        }
    }

    private static long size(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
