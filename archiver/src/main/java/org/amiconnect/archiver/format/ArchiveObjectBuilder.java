package org.amiconnect.archiver.format;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * One archive object being filled: encoded records are spooled to a file (so that memory stays flat however many
 * partitions are open), and {@link #finish} writes the Avro container once every writer schema is known, because the
 * schemas go into the file header.
 *
 * <p>Not thread-safe.
 */
public final class ArchiveObjectBuilder implements AutoCloseable {

    private final ArchiveKey key;
    private final Optional<String> topicId;
    private final Path spool;
    private final DataOutputStream out;
    private final SortedMap<Integer, String> schemas = new TreeMap<>();
    private final long firstTimestamp;
    private long lastOffset = -1;
    private long records;
    private long bytes;
    private boolean closed;

    /** An object without a topic id. */
    public ArchiveObjectBuilder(ArchiveKey key, long firstTimestamp, Path spoolDir) {
        this(key, Optional.empty(), firstTimestamp, spoolDir);
    }

    /**
     * @param topicId the Kafka topic id of the records' topic
     * @param firstTimestamp the first record's timestamp, from which the interval rule measures
     */
    public ArchiveObjectBuilder(ArchiveKey key, Optional<String> topicId, long firstTimestamp, Path spoolDir) {
        this.key = key;
        this.topicId = topicId;
        this.firstTimestamp = firstTimestamp;
        try {
            this.spool = Files.createTempFile(spoolDir, key.topic() + "+" + key.partition() + "+", ".spool");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spool file for archive object " + key + " in " + spoolDir
                    + ": " + e.getMessage(), e);
        }
    }

    public ArchiveKey key() {
        return key;
    }

    /** Adds one encoded record, the whole of {@code datum}; see {@link #append(long, byte[], int, Integer, String)}. */
    public void append(long offset, byte[] datum, Integer schemaId, String schemaJson) {
        append(offset, datum, datum.length, schemaId, schemaJson);
    }

    /**
     * Adds one encoded record: the first {@code length} bytes of {@code datum}, which are copied.
     *
     * @param schemaId the writer schema id of the value, or null when the value has none
     * @param schemaJson that schema's JSON, or null when unknown
     */
    public void append(long offset, byte[] datum, int length, Integer schemaId, String schemaJson) {
        if (offset <= lastOffset) {
            throw new IllegalArgumentException("Archive object " + key + ": offset " + offset + " after " + lastOffset
                    + "; records must come in offset order");
        }
        try {
            out.writeInt(length);
            out.write(datum, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool a record of archive object " + key + " to " + spool + ": "
                    + e.getMessage(), e);
        }
        if (schemaId != null && schemaJson != null) {
            schemas.putIfAbsent(schemaId, schemaJson);
        }
        lastOffset = offset;
        records++;
        bytes += length;
    }

    public long records() {
        return records;
    }

    /** Encoded size of the records so far (before compression). */
    public long bytes() {
        return bytes;
    }

    public long firstTimestamp() {
        return firstTimestamp;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public ObjectSummary summary() {
        return new ObjectSummary(key.topic(), key.partition(), key.firstOffset(), lastOffset, records, topicId);
    }

    /**
     * Writes the Avro container file of the records added so far to {@code target}.
     *
     * @return the summary of the object
     */
    public ObjectSummary finish(CodecFactory codec, Path target) {
        if (records == 0) {
            throw new IllegalStateException("Archive object " + key + " has no records");
        }
        try {
            out.flush();
            DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(
                    ArchiveFormat.SCHEMA));
            writer.setCodec(codec);
            writer.setMeta(ArchiveFormat.META_FORMAT, ArchiveFormat.FORMAT_VERSION);
            writer.setMeta(ArchiveFormat.META_TOPIC, key.topic());
            topicId.ifPresent(id -> writer.setMeta(ArchiveFormat.META_TOPIC_ID, id));
            writer.setMeta(ArchiveFormat.META_PARTITION, key.partition());
            writer.setMeta(ArchiveFormat.META_FIRST_OFFSET, key.firstOffset());
            writer.setMeta(ArchiveFormat.META_LAST_OFFSET, lastOffset);
            writer.setMeta(ArchiveFormat.META_RECORD_COUNT, records);
            for (Map.Entry<Integer, String> s : schemas.entrySet()) {
                writer.setMeta(ArchiveFormat.META_SCHEMA_PREFIX + s.getKey(), s.getValue());
            }
            byte[] sync = ArchiveFormat.syncMarker(key.topic(), key.partition(), key.firstOffset());
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 256 * 1024);
                    DataFileWriter<GenericRecord> w = writer.create(ArchiveFormat.SCHEMA, file, sync);
                    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool),
                            256 * 1024))) {
                byte[] datum = new byte[8 * 1024];
                for (long i = 0; i < records; i++) {
                    int length = in.readInt();
                    if (length > datum.length) {
                        datum = new byte[Math.max(length, datum.length * 2)];
                    }
                    in.readFully(datum, 0, length);
                    w.appendEncoded(ByteBuffer.wrap(datum, 0, length));
                }
            }
            return summary();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write archive object " + key + " to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the spool file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            // the spool is deleted anyway
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete spool file " + spool + ": " + e.getMessage(), e);
        }
    }
}
