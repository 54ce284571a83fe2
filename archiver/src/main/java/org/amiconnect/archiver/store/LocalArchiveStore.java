package org.amiconnect.archiver.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectReader;
import org.amiconnect.archiver.format.CorruptArchiveObjectException;
import org.amiconnect.archiver.format.ObjectSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An archive in a local folder. An object is written to a temporary file next to its place, forced to disk and then
 * renamed atomically, so a reader (or a crash) never sees half an object.
 */
public final class LocalArchiveStore implements ArchiveStore {

    private static final Logger log = LoggerFactory.getLogger(LocalArchiveStore.class);

    private final Path root;

    public LocalArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void put(ArchiveKey key, Path file, ObjectSummary summary) {
        Path target = resolve(key.path());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            force(tmp, false);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(target.getParent(), true);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ArchiveStoreException("Cannot store archive object " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public Optional<ObjectSummary> summary(ArchiveKey key) {
        Path file = resolve(key.path());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ArchiveObjectReader.readSummary(key.path(), Files.newInputStream(file)));
        } catch (CorruptArchiveObjectException e) {
            log.warn("{}; it will be replaced", e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new ArchiveStoreException("Cannot read archive object " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public List<StoredObject> list(String keyPrefix) {
        // walk the deepest folder the prefix names fully, then filter on the whole prefix
        int slash = keyPrefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(keyPrefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (key.startsWith(keyPrefix) && ArchiveKey.isKey(key)) {
                    out.add(new StoredObject(key, Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw new ArchiveStoreException("Cannot list archive objects under " + start + ": " + e, e);
        }
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new ArchiveStoreException("No archive object " + key + " in " + root, e);
        } catch (IOException e) {
            throw new ArchiveStoreException("Cannot open archive object " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("'" + key + "' is outside the archive " + root);
        }
        return p;
    }

    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some platforms cannot open a directory for syncing; the rename itself is still atomic
        }
    }

    @Override
    public String toString() {
        return "local archive " + root;
    }
}
