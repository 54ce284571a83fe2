package org.amiconnect.transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local state directory of one transformer instance, so that several on one host do not share one (Kafka Streams
 * refuses that: "multiple instances of Kafka Streams are running in the same state directory").
 *
 * <p>The first instance takes the configured directory itself; while it runs, the next takes {@code <dir>-1}, then
 * {@code <dir>-2}, and so on. A slot is held by an OS file lock on {@code .amiconnect-instance.lock} inside it, which
 * the OS releases when the process ends, even under {@code kill -9}; so a restarted instance gets its slot (and its
 * local state) back.
 */
final class StateDirectorySlot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateDirectorySlot.class);
    private static final int MAX_SLOTS = 64;
    private static final String LOCK_FILE = ".amiconnect-instance.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectorySlot(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the first free slot of {@code base}.
     *
     * @throws IllegalStateException when 64 slots are taken
     * @throws UncheckedIOException when a directory cannot be created
     */
    static StateDirectorySlot claim(Path base) {
        Path absolute = base.toAbsolutePath().normalize();
        for (int n = 0; n < MAX_SLOTS; n++) {
            Path dir = n == 0 ? absolute : absolute.resolveSibling(absolute.getFileName() + "-" + n);
            StateDirectorySlot slot = tryClaim(dir);
            if (slot != null) {
                if (n > 0) {
                    log.info("State directory {} is in use by another transformer on this host; this one uses {}",
                            absolute, dir);
                }
                return slot;
            }
        }
        throw new IllegalStateException("The " + MAX_SLOTS + " state directories " + absolute + "[-n] are all in use "
                + "by transformers on this host");
    }

    private static StateDirectorySlot tryClaim(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StateDirectorySlot(dir, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another transformer of this JVM
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the state directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing the lock file of {} failed: {}", dir, e.toString());
        }
        return null;
    }

    /** The directory this instance owns. */
    Path dir() {
        return dir;
    }

    /** Gives the slot up; closing it again does nothing. */
    @Override
    public void close() {
        try {
            release();
        } catch (IOException e) {
            log.warn("Releasing the state directory {} failed: {}", dir, e.toString());
        }
    }

    /**
     * Releases the lock and closes its file, once: {@code run --once} closes its pipeline before try-with-resources
     * closes it again, and {@link FileLock#release} throws {@link java.nio.channels.ClosedChannelException} on a closed
     * channel.
     *
     * @throws IOException when the OS refuses to release the lock or close the file
     */
    synchronized void release() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
