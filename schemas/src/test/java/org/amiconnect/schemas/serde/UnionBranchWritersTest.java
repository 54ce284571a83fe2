package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnionBranchWritersTest {

    static Stream<SpecificRecord> everyRecordType() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void writesTheSameBytesAsAvrosOwnWriter(SpecificRecord record) throws IOException {
        SpecificData model = ((SpecificRecordBase) record).getSpecificData();
        Schema schema = record.getSchema();

        byte[] ours = write(UnionBranchWriters.specific(schema, model), record);
        byte[] avros = write(new SpecificDatumWriter<>(schema, model), record);

        assertThat(ours).isEqualTo(avros);
    }

    @Test
    void choosesTheNullAndStringBranchesWhereverTheyStand() {
        Schema stringFirst = Schema.createUnion(Schema.create(Schema.Type.STRING), Schema.create(Schema.Type.NULL));
        Schema threeWays = Schema.createUnion(Schema.create(Schema.Type.LONG), Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING));

        assertThat(UnionBranchWriters.branch(stringFirst, "x")).isEqualTo(0);
        assertThat(UnionBranchWriters.branch(stringFirst, null)).isEqualTo(1);
        assertThat(UnionBranchWriters.branch(threeWays, "x")).isEqualTo(2);
        assertThat(UnionBranchWriters.branch(threeWays, null)).isEqualTo(1);
        assertThat(UnionBranchWriters.branch(threeWays, 7L)).isEqualTo(-1); // left to Avro
    }

    @Test
    void genericRecordsWithMixedUnionsWriteAsAvroWritesThem() throws IOException {
        Schema schema = SchemaBuilder.record("Mixed").fields()
                .optionalString("a")
                .name("b").type().unionOf().longType().and().stringType().and().nullType().endUnion().noDefault()
                .name("c").type().unionOf().nullType().and().longType().endUnion().nullDefault()
                .endRecord();
        for (Object b : List.of(5L, "five")) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("a", "x");
            record.put("b", b);
            record.put("c", 3L);

            assertThat(write(UnionBranchWriters.generic(schema, GenericData.get()), record))
                    .isEqualTo(write(new GenericDatumWriter<>(schema, GenericData.get()), record));
        }
    }

    @Test
    void aValueTheUnionCannotHoldFailsAsInAvro() {
        Schema schema = SchemaBuilder.record("NoString").fields()
                .name("n").type().unionOf().nullType().and().longType().endUnion().nullDefault()
                .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("n", "not a long");

        assertThatThrownBy(() -> write(UnionBranchWriters.generic(schema, GenericData.get()), record))
                .isInstanceOf(UnresolvedUnionException.class)
                .hasMessageContaining("not a long");
    }

    private static byte[] write(DatumWriter<Object> writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
