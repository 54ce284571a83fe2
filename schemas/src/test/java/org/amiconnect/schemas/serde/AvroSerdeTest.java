package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaIds;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static Stream<SpecificRecord> everyRecordType() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryGeneratedRecordType(SpecificRecord record) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry);
        AvroDeserializer deserializer = new AvroDeserializer(registry, record.getClass());

        byte[] bytes = serializer.serialize("t", record);
        Object back = deserializer.deserialize("t", bytes);

        assertThat(back).isInstanceOf(record.getClass()).isEqualTo(record);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(SchemaIds.fingerprintId(record.getSchema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void genericRecordsReadFromTheArchiveReserializeToTheSameBytes(SpecificRecord record) {
        byte[] bytes = new AvroSerializer<SpecificRecord>(registry).serialize("t", record);

        GenericRecord generic = new GenericAvroDeserializer(registry).deserialize("t", bytes);
        byte[] again = new AvroSerializer<GenericRecord>(registry).serialize("t", generic);

        assertThat(generic.getSchema().getFullName()).isEqualTo(record.getSchema().getFullName());
        assertThat(again).isEqualTo(bytes);
    }

    @Test
    void registersValueAndKeySchemasUnderTopicNameSubjects() {
        new AvroSerializer<GeneralMeter>(registry).serialize("ami.meters", SampleRecords.meter());
        new AvroSerializer<GeneralMeter>(registry, true).serialize("ami.meters", SampleRecords.meter());

        assertThat(registry.subjects()).containsExactly("ami.meters-key", "ami.meters-value");
        assertThat(registry.latest("ami.meters-value").orElseThrow().schema()).isEqualTo(GeneralMeter.getClassSchema());
    }

    @Test
    void serdeFactoriesChooseKeyOrValueSubjects() {
        AvroSerde<GeneralMeter> keys = AvroSerde.forKeys(registry, GeneralMeter.class);
        AvroSerde<GeneralMeter> values = AvroSerde.forValues(registry, GeneralMeter.class);

        byte[] key = keys.serializer().serialize("ami.meters", SampleRecords.meter());
        byte[] value = values.serializer().serialize("ami.meters", SampleRecords.meter());

        assertThat(registry.subjects()).containsExactly("ami.meters-key", "ami.meters-value");
        assertThat(keys.deserializer().deserialize("ami.meters", key)).isEqualTo(SampleRecords.meter());
        assertThat(values.deserializer().deserialize("ami.meters", value)).isEqualTo(SampleRecords.meter());
    }

    @Test
    void nullRecordIsATombstoneAndNullOrEmptyBytesAreNull() {
        assertThat(new AvroSerializer<GeneralMeter>(registry).serialize("t", null)).isNull();
        AvroDeserializer<GeneralMeter> deserializer = new AvroDeserializer<>(registry, GeneralMeter.class);
        assertThat(deserializer.deserialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", new byte[0])).isNull();
        assertThat(new GenericAvroDeserializer(registry).deserialize("t", null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTopic() {
        byte[] bytes = WireFormat.frame(12345, new byte[] {2, 'a'});

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeneralMeter.class).deserialize("ami.meters", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic ami.meters")
                .hasMessageContaining("Schema id 12345 is not registered");
    }

    @Test
    void refusesToReadARecordOfAnotherTypeNamingBothSchemas() {
        byte[] bytes = new AvroSerializer<DeadLetter>(registry).serialize("ami.dlq", SampleRecords.deadLetter());

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeneralMeter.class).deserialize("ami.dlq", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic ami.dlq")
                .hasMessageContaining(GeneralMeter.class.getName())
                .hasMessageContaining("org.amiconnect.schemas.dlq.DeadLetter");
    }

    @Test
    void reportsARecordMissingARequiredFieldWithTheRecordName() {
        GeneralMeterRead incomplete = new GeneralMeterRead();
        incomplete.setOrgId("org");

        assertThatThrownBy(() -> new AvroSerializer<GeneralMeterRead>(registry).serialize("ami.meter-reads", incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("GeneralMeterRead")
                .hasMessageContaining("ami.meter-reads");
    }

    @Test
    void oneSerializerAndDeserializerServeManyThreadsConsistently() throws Exception {
        AvroSerializer<GeneralMeterRead> serializer = new AvroSerializer<>(registry);
        AvroDeserializer<GeneralMeterRead> deserializer = new AvroDeserializer<>(registry, GeneralMeterRead.class);
        GeneralMeterRead record = SampleRecords.read();
        byte[] expected = serializer.serialize("t", record);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] bytes = serializer.serialize("t", record);
                        if (!java.util.Arrays.equals(bytes, expected) || !deserializer.deserialize("t", bytes).equals(record)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
