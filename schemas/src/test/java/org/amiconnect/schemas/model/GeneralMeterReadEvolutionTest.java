package org.amiconnect.schemas.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** The quality field was added with a default: reads written before it are read with quality null, and back. */
class GeneralMeterReadEvolutionTest {

    private static Schema withoutQuality() {
        Schema current = GeneralMeterRead.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals("quality"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    @Test
    void aReadWrittenWithoutQualityIsReadWithQualityNull() throws IOException {
        Schema old = withoutQuality();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(GeneralMeterRead.getClassSchema(), old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, GeneralMeterRead.getClassSchema()).getType())
                .as("old readers read new data too").isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

        GenericRecord written = new GenericData.Record(old);
        written.put("org_id", "org");
        written.put("device_id", "d1");
        written.put("flowtime", Instant.parse("2024-08-01T07:59:00Z").toEpochMilli() * 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(written, encoder);
        encoder.flush();

        GeneralMeterRead read = new SpecificDatumReader<GeneralMeterRead>(old, GeneralMeterRead.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.getDeviceId()).isEqualTo("d1");
        assertThat(read.getQuality()).isNull();
    }
}
