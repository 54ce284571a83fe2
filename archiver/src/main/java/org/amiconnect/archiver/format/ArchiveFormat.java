package org.amiconnect.archiver.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * The archive object format: an Avro object container file of {@code ArchivedRecord}s (see {@code ArchivedRecord.avsc})
 * whose metadata names the topic, partition and offset range and carries the writer schema of every value.
 *
 * <p>Everything in a file is a function of its records: the sync marker is derived from topic, partition and first
 * offset, and no metadata holds a wall-clock time, so the same records always give the same bytes.
 */
public final class ArchiveFormat {

    public static final Schema SCHEMA = loadSchema();

    /** Version of this layout; readers refuse a newer one. */
    public static final String FORMAT_VERSION = "1";

    public static final String META_FORMAT = "amiconnect.format";
    public static final String META_TOPIC = "amiconnect.topic";
    public static final String META_TOPIC_ID = "amiconnect.topic-id";
    public static final String META_PARTITION = "amiconnect.partition";
    public static final String META_FIRST_OFFSET = "amiconnect.first-offset";
    public static final String META_LAST_OFFSET = "amiconnect.last-offset";
    public static final String META_RECORD_COUNT = "amiconnect.record-count";
    /** Followed by the schema id: {@code amiconnect.schema.123456} = the writer schema's JSON. */
    public static final String META_SCHEMA_PREFIX = "amiconnect.schema.";

    public static final List<String> CODECS = List.of("deflate", "zstd");

    private ArchiveFormat() {
    }

    private static Schema loadSchema() {
        try (InputStream in = ArchiveFormat.class.getResourceAsStream("ArchivedRecord.avsc")) {
            if (in == null) {
                throw new IllegalStateException("ArchivedRecord.avsc is missing from the archiver's resources");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Avro codec of a configured codec name. zstd frames carry a content checksum, so a damaged block fails to
     * read instead of giving wrong records (deflate has none). zstd takes its stream buffers from zstd-jni's recycling
     * pool: Avro opens a stream per block, and a new ~128 KiB buffer each time was 4 % of all the bytes a run allocated
     * (benchmarks/TUNING.md, "Tuning round 9").
     */
    public static CodecFactory codec(String name) {
        return switch (name) {
            case "deflate" -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
            case "zstd" -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL, true, true);
            default -> throw new IllegalArgumentException("'" + name + "' is not an archive codec; expected one of "
                    + CODECS);
        };
    }

    /** The 16-byte sync marker of an object: a digest of its topic, partition and first offset. */
    public static byte[] syncMarker(String topic, int partition, long firstOffset) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return md5.digest((topic + "+" + partition + "+" + firstOffset).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /**
     * Encodes records as {@code ArchivedRecord} Avro datums, ready for {@code DataFileWriter.appendEncoded}: the bytes
     * {@code GenericDatumWriter} writes for the schema, written field by field into one buffer reused for every record
     * (the archiver encodes every record it consumes). Not thread-safe.
     */
    public static final class Encoder {

        private byte[] buffer = new byte[1024];
        private int length;
        private String lastTopic;
        private byte[] lastTopicUtf8;

        /** Encodes a consumed record; its datum is then {@link #length()} bytes of {@link #buffer()}. */
        public void encode(ConsumerRecord<byte[], byte[]> r) {
            writeFields(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(), r.key(), r.value());
            Header[] headers = r.headers().toArray();
            writeItemCount(headers.length);
            for (Header h : headers) {
                writeString(h.key());
                writeNullableBytes(h.value());
            }
            writeLong(0);
        }

        /** Encodes a record into a new array. */
        public byte[] encode(ArchivedRecord r) {
            writeFields(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(), r.key(), r.value());
            writeItemCount(r.headers().size());
            for (ArchivedRecord.Header h : r.headers()) {
                writeString(h.key());
                writeNullableBytes(h.value());
            }
            writeLong(0);
            return datum();
        }

        /** Every field before the headers, from the start of the buffer. */
        private void writeFields(String topic, int partition, long offset, long timestamp, TimestampType type,
                byte[] key, byte[] value) {
            length = 0;
            writeTopic(topic);
            writeLong(partition);
            writeLong(offset);
            writeLong(timestamp);
            writeLong(symbolIndex(type));
            writeNullableBytes(key);
            writeNullableBytes(value);
        }

        /** An array is written as blocks of items, each after its count, and ends with a 0: one block here. */
        private void writeItemCount(int items) {
            if (items > 0) {
                writeLong(items);
            }
        }

        /** A copy of the last datum encoded. */
        public byte[] datum() {
            return Arrays.copyOf(buffer, length);
        }

        /** The buffer holding the last datum encoded from its start; overwritten by the next. */
        public byte[] buffer() {
            return buffer;
        }

        /** Length of the last datum encoded. */
        public int length() {
            return length;
        }

        private void writeTopic(String topic) {
            if (!topic.equals(lastTopic)) {
                lastTopic = topic;
                lastTopicUtf8 = topic.getBytes(StandardCharsets.UTF_8);
            }
            writeBytes(lastTopicUtf8);
        }

        private void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** A union of null (branch 0) and bytes (branch 1). */
        private void writeNullableBytes(byte[] b) {
            if (b == null) {
                writeLong(0);
            } else {
                writeLong(1);
                writeBytes(b);
            }
        }

        /** Avro bytes and strings: the length, then the bytes. */
        private void writeBytes(byte[] b) {
            writeLong(b.length);
            room(b.length);
            System.arraycopy(b, 0, buffer, length, b.length);
            length += b.length;
        }

        /** Avro int, long, enum index, union branch and item count: a zig-zag variable-length integer. */
        private void writeLong(long n) {
            room(10);
            length += BinaryData.encodeLong(n, buffer, length);
        }

        private void room(int bytes) {
            if (length + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(length + bytes, buffer.length * 2));
            }
        }
    }

    /** A datum reader for archive objects. */
    static DatumReader<GenericRecord> datumReader() {
        return new GenericDatumReader<>(SCHEMA);
    }

    /** Turns a datum read with {@link #datumReader()} back into a record. */
    static ArchivedRecord decode(GenericRecord g) {
        List<ArchivedRecord.Header> headers = new ArrayList<>();
        for (Object o : (List<?>) g.get("headers")) {
            GenericRecord h = (GenericRecord) o;
            headers.add(new ArchivedRecord.Header(h.get("key").toString(), bytes(h.get("value"))));
        }
        return new ArchivedRecord(g.get("topic").toString(), (Integer) g.get("partition"), (Long) g.get("offset"),
                (Long) g.get("timestamp"), timestampType(g.get("timestampType").toString()), bytes(g.get("key")),
                bytes(g.get("value")), List.copyOf(headers));
    }

    private static byte[] bytes(Object o) {
        if (o == null) {
            return null;
        }
        ByteBuffer b = (ByteBuffer) o;
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The index of a timestamp type's symbol in the schema's {@code TimestampType} enum. */
    private static int symbolIndex(TimestampType type) {
        return switch (type) {
            case NO_TIMESTAMP_TYPE -> 0;
            case CREATE_TIME -> 1;
            case LOG_APPEND_TIME -> 2;
        };
    }

    private static TimestampType timestampType(String symbol) {
        return switch (symbol) {
            case "CREATE_TIME" -> TimestampType.CREATE_TIME;
            case "LOG_APPEND_TIME" -> TimestampType.LOG_APPEND_TIME;
            default -> TimestampType.NO_TIMESTAMP_TYPE;
        };
    }
}
