package org.amiconnect.archiver.format;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads one archive object: its metadata at once, its records on demand. Any problem, from a missing header to a
 * record count that does not match the metadata, is a {@link CorruptArchiveObjectException} naming the object.
 */
public final class ArchiveObjectReader implements Closeable {

    private final String key;
    private final DataFileStream<GenericRecord> stream;
    private final ObjectSummary summary;
    private final Map<Integer, Schema> schemas;

    private ArchiveObjectReader(String key, DataFileStream<GenericRecord> stream, ObjectSummary summary,
            Map<Integer, Schema> schemas) {
        this.key = key;
        this.stream = stream;
        this.summary = summary;
        this.schemas = schemas;
    }

    /**
     * Reads the object's header. The reader owns {@code in} and closes it.
     *
     * @param key the object's key, for messages
     */
    public static ArchiveObjectReader open(String key, InputStream in) {
        DataFileStream<GenericRecord> stream = null;
        try {
            stream = new DataFileStream<>(new BufferedInputStream(in, 256 * 1024), ArchiveFormat.datumReader());
            String format = meta(key, stream, ArchiveFormat.META_FORMAT);
            if (!ArchiveFormat.FORMAT_VERSION.equals(format)) {
                throw new CorruptArchiveObjectException(key, "format version " + format + " is not one this version "
                        + "reads (" + ArchiveFormat.FORMAT_VERSION + ")", null);
            }
            ObjectSummary summary = new ObjectSummary(meta(key, stream, ArchiveFormat.META_TOPIC),
                    (int) number(key, stream, ArchiveFormat.META_PARTITION),
                    number(key, stream, ArchiveFormat.META_FIRST_OFFSET),
                    number(key, stream, ArchiveFormat.META_LAST_OFFSET),
                    number(key, stream, ArchiveFormat.META_RECORD_COUNT),
                    Optional.ofNullable(stream.getMetaString(ArchiveFormat.META_TOPIC_ID)));
            Map<Integer, Schema> schemas = new TreeMap<>();
            for (String name : stream.getMetaKeys()) {
                if (name.startsWith(ArchiveFormat.META_SCHEMA_PREFIX)) {
                    int id = Integer.parseInt(name.substring(ArchiveFormat.META_SCHEMA_PREFIX.length()));
                    schemas.put(id, new Schema.Parser().parse(stream.getMetaString(name)));
                }
            }
            return new ArchiveObjectReader(key, stream, summary, schemas);
        } catch (CorruptArchiveObjectException e) {
            closeQuietly(stream, in);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream, in);
            throw new CorruptArchiveObjectException(key, "cannot read its Avro header: " + describe(e), e);
        }
    }

    /** Reads only the header of an object and closes it. */
    public static ObjectSummary readSummary(String key, InputStream in) {
        try (ArchiveObjectReader reader = open(key, in)) {
            return reader.summary();
        }
    }

    public String key() {
        return key;
    }

    public ObjectSummary summary() {
        return summary;
    }

    /** The writer schemas of the values, by schema id. */
    public Map<Integer, Schema> schemas() {
        return schemas;
    }

    /**
     * Hands each record to {@code action} in offset order, checking them against the metadata on the way. Records
     * before a problem have been handed over when the exception is thrown; use {@link #readAll()} to get all or none.
     */
    public void forEach(Consumer<ArchivedRecord> action) {
        forFirst(Long.MAX_VALUE, action);
    }

    /** Like {@link #forEach} for the first {@code max} records; the end checks apply only when all were read. */
    public void forFirst(long max, Consumer<ArchivedRecord> action) {
        long count = 0;
        long previous = -1;
        while (count < max) {
            ArchivedRecord r;
            try {
                if (!stream.hasNext()) {
                    break;
                }
                r = ArchiveFormat.decode(stream.next());
            } catch (RuntimeException e) {
                throw new CorruptArchiveObjectException(key, "record " + (count + 1) + " of " + summary.recordCount()
                        + " cannot be read: " + describe(e), e);
            }
            count++;
            check(r, count, previous);
            previous = r.offset();
            action.accept(r);
        }
        if (count == max) {
            return;
        }
        if (count != summary.recordCount()) {
            throw new CorruptArchiveObjectException(key, "it holds " + count + " records but its metadata says "
                    + summary.recordCount(), null);
        }
        if (previous != summary.lastOffset()) {
            throw new CorruptArchiveObjectException(key, "its last record has offset " + previous
                    + " but its metadata says " + summary.lastOffset(), null);
        }
    }

    /** Every record, or a {@link CorruptArchiveObjectException} and none. */
    public List<ArchivedRecord> readAll() {
        List<ArchivedRecord> out = new ArrayList<>((int) Math.min(summary.recordCount(), 1_000_000));
        forEach(out::add);
        return out;
    }

    private void check(ArchivedRecord r, long count, long previous) {
        if (!r.topic().equals(summary.topic()) || r.partition() != summary.partition()) {
            throw new CorruptArchiveObjectException(key, "record " + count + " is from " + r.topic() + "-"
                    + r.partition() + ", not " + summary.topic() + "-" + summary.partition(), null);
        }
        if (count == 1 && r.offset() != summary.firstOffset()) {
            throw new CorruptArchiveObjectException(key, "its first record has offset " + r.offset()
                    + " but its metadata says " + summary.firstOffset(), null);
        }
        if (r.offset() <= previous) {
            throw new CorruptArchiveObjectException(key, "record " + count + " has offset " + r.offset()
                    + ", not after " + previous, null);
        }
    }

    @Override
    public void close() {
        closeQuietly(stream, null);
    }

    private static String meta(String key, DataFileStream<GenericRecord> stream, String name) {
        byte[] value = stream.getMeta(name);
        if (value == null) {
            throw new CorruptArchiveObjectException(key, "its metadata lacks " + name
                    + " (was it written by the AMI Connect archiver?)", null);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static long number(String key, DataFileStream<GenericRecord> stream, String name) {
        String value = meta(key, stream, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CorruptArchiveObjectException(key, "its metadata " + name + " is '" + value
                    + "', not a number", e);
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        // Avro wraps I/O problems (truncation, bad sync markers) in runtime exceptions: the innermost says most
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t instanceof AvroRuntimeException)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof EOFException) {
            message = "it ends early (truncated)";
        } else if (t instanceof SchemaParseException) {
            message = "a schema in its metadata is not valid: " + message;
        }
        return message;
    }

    private static void closeQuietly(Closeable a, Closeable b) {
        for (Closeable c : new Closeable[] {a, b}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing left to read
                }
            }
        }
    }
}
