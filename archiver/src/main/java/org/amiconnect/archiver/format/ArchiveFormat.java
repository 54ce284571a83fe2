package org.amiconnect.archiver.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
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
    private static final Schema HEADER_SCHEMA = SCHEMA.getField("headers").schema().getElementType();
    private static final Schema TIMESTAMP_TYPE_SCHEMA = SCHEMA.getField("timestampType").schema();

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

    /** The Avro codec of a configured codec name. */
    public static CodecFactory codec(String name) {
        return switch (name) {
            case "deflate" -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
            case "zstd" -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
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

    /** Encodes one record as an Avro datum, ready for {@code DataFileWriter.appendEncoded}. */
    public static final class Encoder {

        private final DatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private BinaryEncoder encoder;

        public byte[] encode(ArchivedRecord r) {
            GenericRecord g = new GenericData.Record(SCHEMA);
            g.put("topic", r.topic());
            g.put("partition", r.partition());
            g.put("offset", r.offset());
            g.put("timestamp", r.timestamp());
            g.put("timestampType", new GenericData.EnumSymbol(TIMESTAMP_TYPE_SCHEMA, symbol(r.timestampType())));
            g.put("key", r.key() == null ? null : ByteBuffer.wrap(r.key()));
            g.put("value", r.value() == null ? null : ByteBuffer.wrap(r.value()));
            List<GenericRecord> headers = new ArrayList<>(r.headers().size());
            for (ArchivedRecord.Header h : r.headers()) {
                GenericRecord gh = new GenericData.Record(HEADER_SCHEMA);
                gh.put("key", h.key());
                gh.put("value", h.value() == null ? null : ByteBuffer.wrap(h.value()));
                headers.add(gh);
            }
            g.put("headers", headers);
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            try {
                writer.write(g, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
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

    private static String symbol(TimestampType type) {
        return switch (type) {
            case CREATE_TIME -> "CREATE_TIME";
            case LOG_APPEND_TIME -> "LOG_APPEND_TIME";
            case NO_TIMESTAMP_TYPE -> "NO_TIMESTAMP_TYPE";
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
