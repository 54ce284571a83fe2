package org.amiconnect.archiver.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ObjectSummary;

/**
 * Where archive objects are kept: a local folder or an S3 bucket. Keys are relative to the store's root (the folder,
 * or the bucket and prefix) and use {@code /} as separator. Implementations are thread-safe.
 */
public interface ArchiveStore extends AutoCloseable {

    /** The root, for messages: a folder or {@code s3://bucket/prefix}. */
    String location();

    /**
     * Stores {@code file} under {@code key}, replacing any object there. Returns only once the object is durable.
     *
     * @throws ArchiveStoreException when the object could not be stored
     */
    void put(ArchiveKey key, Path file, ObjectSummary summary);

    /**
     * The summary of the object stored under {@code key}, empty when there is none (or it cannot be read, in which case
     * it may be replaced).
     */
    Optional<ObjectSummary> summary(ArchiveKey key);

    /** Every archive object whose key starts with {@code keyPrefix} ("" for all), sorted by key. */
    List<StoredObject> list(String keyPrefix);

    /**
     * Opens an object for reading.
     *
     * @throws ArchiveStoreException when there is no such object or it cannot be opened
     */
    InputStream open(String key);

    @Override
    void close();

    /** An object in the store. */
    record StoredObject(String key, long size) {
    }
}
