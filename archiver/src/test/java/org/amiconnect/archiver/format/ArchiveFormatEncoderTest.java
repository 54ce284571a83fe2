package org.amiconnect.archiver.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The encoder writes the bytes Avro's generic writer writes for the ArchivedRecord schema, field for field. */
class ArchiveFormatEncoderTest {

    @Test
    void encodesAsTheGenericWriterDoesWithAndWithoutKeysValuesAndHeaders() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("amiconnect.run-id", "run-7".getBytes(StandardCharsets.UTF_8));
        headers.add("é-null", null);
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record("ami.raw.beacon360", 0, 0, -1, TimestampType.NO_TIMESTAMP_TYPE, null, null, new RecordHeaders()),
                record("ami.raw.beacon360", 3, 1L << 40, 1_733_000_000_000L, TimestampType.CREATE_TIME,
                        bytes("org|meter-1"), new byte[300], headers),
                record("ami.raw.aclara", 2_000_000, 7, 5, TimestampType.LOG_APPEND_TIME, new byte[0], bytes("v"),
                        headers));
        ArchiveFormat.Encoder encoder = new ArchiveFormat.Encoder();

        for (ConsumerRecord<byte[], byte[]> r : records) {
            encoder.encode(r);

            assertThat(encoder.datum()).isEqualTo(generic(ArchivedRecord.of(r)));
            assertThat(encoder.encode(ArchivedRecord.of(r))).isEqualTo(generic(ArchivedRecord.of(r)));
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, long timestamp,
            TimestampType type, byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, type, 0, 0, key, value, headers,
                Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the generic writer makes of the record: the reference. */
    private static byte[] generic(ArchivedRecord r) throws Exception {
        Schema schema = ArchiveFormat.SCHEMA;
        Schema header = schema.getField("headers").schema().getElementType();
        GenericRecord g = new GenericData.Record(schema);
        g.put("topic", r.topic());
        g.put("partition", r.partition());
        g.put("offset", r.offset());
        g.put("timestamp", r.timestamp());
        g.put("timestampType", new GenericData.EnumSymbol(schema.getField("timestampType").schema(),
                r.timestampType().name()));
        g.put("key", r.key() == null ? null : ByteBuffer.wrap(r.key()));
        g.put("value", r.value() == null ? null : ByteBuffer.wrap(r.value()));
        List<GenericRecord> hs = new ArrayList<>();
        for (ArchivedRecord.Header h : r.headers()) {
            GenericRecord gh = new GenericData.Record(header);
            gh.put("key", h.key());
            gh.put("value", h.value() == null ? null : ByteBuffer.wrap(h.value()));
            hs.add(gh);
        }
        g.put("headers", hs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(g, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
