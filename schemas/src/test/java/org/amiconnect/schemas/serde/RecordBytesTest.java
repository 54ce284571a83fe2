package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The shared cursor reads what Avro's encoder writes, skips what Avro's reader skips, and shares repeated values. */
class RecordBytesTest {

    private static final Schema EVERY_TYPE = new Schema.Parser().parse("""
            {"type": "record", "name": "Every", "fields": [
              {"name": "n", "type": "null"},
              {"name": "b", "type": "boolean"},
              {"name": "i", "type": "int"},
              {"name": "l", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": "double"},
              {"name": "s", "type": "string"},
              {"name": "y", "type": "bytes"},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}},
              {"name": "x", "type": {"type": "fixed", "name": "X", "size": 3}},
              {"name": "a", "type": {"type": "array", "items": "string"}},
              {"name": "m", "type": {"type": "map", "values": ["null", "long"]}},
              {"name": "u", "type": ["null", "string", "double"]},
              {"name": "r", "type": {"type": "record", "name": "Inner", "fields": [{"name": "t", "type": "string"}]}}
            ]}""");

    @Test
    void skipsEveryTypeAsAvrosReaderDoes() throws IOException {
        GenericRecord record = new GenericData.Record(EVERY_TYPE);
        record.put("n", null);
        record.put("b", true);
        record.put("i", -300);
        record.put("l", Long.MIN_VALUE);
        record.put("f", 1.5f);
        record.put("d", -2.25);
        record.put("s", "Zähler 🚰");
        record.put("y", java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        record.put("e", new GenericData.EnumSymbol(EVERY_TYPE.getField("e").schema(), "B"));
        record.put("x", new GenericData.Fixed(EVERY_TYPE.getField("x").schema(), new byte[] {7, 8, 9}));
        record.put("a", List.of("p", "", "q"));
        record.put("m", Map.of("k1", 5L, "k2", 6L));
        record.put("u", 3.5);
        GenericRecord inner = new GenericData.Record(EVERY_TYPE.getField("r").schema());
        inner.put("t", "inner");
        record.put("r", inner);
        byte[] bytes = encode(EVERY_TYPE, record);

        RecordBytes cursor = new RecordBytes(0, 0).start(bytes, 0);
        BinaryDecoder avro = DecoderFactory.get().binaryDecoder(bytes, null);
        for (Schema.Field f : EVERY_TYPE.getFields()) {
            cursor.skip(f.schema());
            GenericDatumReader.skip(f.schema(), avro);
            assertThat(cursor.remaining()).as(f.name()).isEqualTo(bytes.length - consumed(bytes, avro));
        }
        assertThat(cursor.remaining()).isZero();
    }

    @Test
    void readsValuesAndSharesARepeatedTextOrTimestamp() throws IOException {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "s", "type": "string"}, {"name": "t", "type": "long"}, {"name": "d", "type": "double"},
                  {"name": "i", "type": "int"}, {"name": "b", "type": "boolean"}]}""");
        RecordBytes cursor = new RecordBytes(1, 1);
        String[] texts = {"same", "same", "other", "ü-🚰", "ü-🚰", ""};
        long[] micros = {-1L, -1L, 1_722_470_400_000_001L, 1_722_470_400_000_001L, 0L, -1_000_001L};
        String previousText = null;
        Instant previousInstant = null;
        for (int k = 0; k < texts.length; k++) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("s", texts[k]);
            r.put("t", micros[k]);
            r.put("d", k * 0.5);
            r.put("i", Integer.MIN_VALUE + k);
            r.put("b", k % 2 == 0);
            cursor.start(encode(schema, r), 0);
            String text = cursor.readText(0);
            Instant instant = cursor.readInstant(0);
            assertThat(text).isEqualTo(texts[k]);
            assertThat(instant).isEqualTo(Instant.EPOCH.plus(micros[k], java.time.temporal.ChronoUnit.MICROS));
            assertThat(cursor.readDouble()).isEqualTo(k * 0.5);
            assertThat(cursor.readInt()).isEqualTo(Integer.MIN_VALUE + k);
            assertThat(cursor.readBoolean()).isEqualTo(k % 2 == 0);
            assertThat(cursor.remaining()).isZero();
            if (k > 0 && texts[k].equals(texts[k - 1])) {
                assertThat(text).isSameAs(previousText);
            }
            if (k > 0 && micros[k] == micros[k - 1]) {
                assertThat(instant).isSameAs(previousInstant);
            }
            previousText = text;
            previousInstant = instant;
        }
    }

    @Test
    void refusesMalformedBytes() {
        assertThatThrownBy(() -> new RecordBytes(1, 0).start(new byte[] {(byte) 0x80}, 0).readLong())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside a number");
        assertThatThrownBy(() -> new RecordBytes(1, 0).start(new byte[] {10, 'a'}, 0).readText(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 bytes with 1 left");
        assertThatThrownBy(() -> new RecordBytes(1, 0).start(new byte[] {1}, 0).readText(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 bytes");
        assertThatThrownBy(() -> new RecordBytes(0, 0).start(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1},
                0).readLong())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 10 bytes");
        assertThatThrownBy(() -> new RecordBytes(0, 0).start(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x10}, 0).readInt()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> new RecordBytes(0, 0).start(new byte[] {1, 2, 3}, 0).readDouble())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends inside a value");
        Schema union = new Schema.Parser().parse("[\"null\", \"string\"]");
        assertThatThrownBy(() -> new RecordBytes(0, 0).start(new byte[] {4}, 0).skip(union))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("union branch 2");
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** How many bytes Avro's decoder has consumed (it reads from an array, so nothing is buffered beyond it). */
    private static int consumed(byte[] bytes, BinaryDecoder avro) throws IOException {
        return bytes.length - avro.inputStream().available();
    }
}
