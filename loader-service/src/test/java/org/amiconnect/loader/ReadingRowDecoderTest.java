package org.amiconnect.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.amiconnect.loader.sink.WarehouseTables;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ReadingRowDecoderTest {

    private static final String TOPIC = "ami.meter-reads";
    private static final Instant T0 = Instant.parse("2024-08-01T00:00:00.000001Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ReadingRowDecoder decoder = new ReadingRowDecoder(registry);

    @Test
    void decodesTheCurrentSchemaIntoTheRowTheGeneratedRecordGives() {
        AvroSerializer<GeneralMeterRead> serializer = new AvroSerializer<>(registry);
        List<GeneralMeterRead> reads = List.of(
                new GeneralMeterRead("org", "d1", "acct", "loc", T0, 12.5, "CF", 0.25, "CF", "good",
                        Instant.parse("2019-01-02T03:04:05Z"), 1, "strong", List.of("negative_interval")),
                new GeneralMeterRead("org", "d2", null, null, T0.plusSeconds(3600), null, null, null, null, null,
                        null, null, null, null),
                new GeneralMeterRead("org", "Zähler \"ü\" 🚰", "acct", "loc", T0, -0.0, "CF", Double.NaN, "CF",
                        "good", null, 0, "", null),
                new GeneralMeterRead("other-org", "d1", "acct", "loc", T0, 1.0, "CF", 2.0, "CF", "low", null, 0,
                        "strong", null));
        for (GeneralMeterRead read : reads) {
            assertThat(decoder.decode(TOPIC, serializer.serialize(TOPIC, read)))
                    .containsExactly(WarehouseTables.readingRow(read));
        }
    }

    @Test
    void decodesRandomReadsWithRepeatedValuesIntoTheRowsTheGeneratedRecordsGive() {
        AvroSerializer<GeneralMeterRead> serializer = new AvroSerializer<>(registry);
        java.util.Random random = new java.util.Random(11);
        List<String> texts = List.of("", "org", "d1", "CF", "Zähler \"ü\" 🚰", "a much longer text value than the rest");
        for (int i = 0; i < 3_000; i++) {
            java.util.function.Supplier<String> text = () -> random.nextInt(5) == 0 ? null
                    : texts.get(random.nextInt(texts.size()));
            GeneralMeterRead read = new GeneralMeterRead(texts.get(random.nextInt(2)), texts.get(random.nextInt(6)),
                    text.get(), text.get(), T0.plusSeconds(random.nextInt(3) * 3600L - 5_000_000_000L),
                    random.nextBoolean() ? null : random.nextGaussian(), text.get(),
                    random.nextBoolean() ? null : random.nextGaussian(), text.get(), text.get(),
                    random.nextBoolean() ? null : T0.minusSeconds(random.nextInt()),
                    random.nextBoolean() ? null : random.nextInt(3) - 1, text.get(),
                    random.nextBoolean() ? null : List.of("negative_interval"));
            assertThat(decoder.decode(TOPIC, serializer.serialize(TOPIC, read))).as("%s", read)
                    .containsExactly(WarehouseTables.readingRow(read));
        }
    }

    @Test
    void followsAnOlderWriterSchemaSkippingFieldsTheTableLacksAndLeavingMissingOnesNull() throws IOException {
        // other field order, account_id not nullable, no install_date nor quality, and a field the reader lacks
        Schema writer = new Schema.Parser().parse("""
                {"type": "record", "name": "GeneralMeterRead", "namespace": "org.amiconnect.schemas.model",
                 "fields": [
                   {"name": "device_id", "type": "string"},
                   {"name": "vendor_extra", "type": {"type": "map", "values": "string"}},
                   {"name": "org_id", "type": "string"},
                   {"name": "account_id", "type": "string"},
                   {"name": "flowtime", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                   {"name": "register_value", "type": ["double", "null"]},
                   {"name": "estimated", "type": ["null", "int"]}
                 ]}""");
        GenericRecord record = new GenericData.Record(writer);
        record.put("device_id", "d1");
        record.put("vendor_extra", Map.of("k", "v"));
        record.put("org_id", "org");
        record.put("account_id", "acct");
        record.put("flowtime", 1_722_470_400_000_001L);
        record.put("register_value", 7.5);
        record.put("estimated", null);

        Object[] row = decoder.decode(TOPIC, framed(writer, record));

        assertThat(row).containsExactly("org", "d1", "acct", null, 1_722_470_400_000_001L, 7.5, null, null, null,
                null, null, null, null);
    }

    @Test
    void readsAWriterSchemaItDoesNotWalkThroughTheGeneratedRecord() throws IOException {
        // register_value as a float: Avro promotes it to the reader's double
        Schema writer = new Schema.Parser().parse("""
                {"type": "record", "name": "GeneralMeterRead", "namespace": "org.amiconnect.schemas.model",
                 "fields": [
                   {"name": "org_id", "type": "string"},
                   {"name": "device_id", "type": "string"},
                   {"name": "flowtime", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                   {"name": "register_value", "type": ["null", "float"]}
                 ]}""");
        GenericRecord record = new GenericData.Record(writer);
        record.put("org_id", "org");
        record.put("device_id", "d1");
        record.put("flowtime", 1_722_470_400_000_000L);
        record.put("register_value", 1.5f);

        assertThat(decoder.decode(TOPIC, framed(writer, record)))
                .containsExactly("org", "d1", null, null, 1_722_470_400_000_000L, 1.5, null, null, null, null, null,
                        null, null);
    }

    @Test
    void rejectsARecordItCannotRead() throws IOException {
        AvroSerializer<GeneralMeterRead> serializer = new AvroSerializer<>(registry);
        byte[] whole = serializer.serialize(TOPIC, new GeneralMeterRead("org", "d1", "acct", "loc", T0, 12.5, "CF",
                0.25, "CF", "good", null, 1, "strong", null));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 8);

        assertThatThrownBy(() -> decoder.decode(TOPIC, truncated)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> decoder.decode(TOPIC, new byte[] {1, 2})).isInstanceOf(SerializationException.class);
    }

    private byte[] framed(Schema writer, GenericRecord record) throws IOException {
        int id = registry.register(TOPIC + "-value", writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return WireFormat.frame(id, out.toByteArray());
    }
}
