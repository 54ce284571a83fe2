package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoredReadSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final StoredReadSerde serde = new StoredReadSerde(new AvroDeserializer<>(registry, GeneralMeterRead.class));

    private static GeneralMeterRead full() {
        return new GeneralMeterRead("org_ü", "device-1:a", "ACC 7", "LOC/9", Instant.parse("2026-11-30T10:15:30.123456Z"),
                -0.5, "CF", 12345.678, "CF", "Good", Instant.parse("1969-07-20T20:17:40.000001Z"), -1, "strong",
                List.of("negative_interval", "register_backwards"));
    }

    private static GeneralMeterRead bare() {
        return new GeneralMeterRead("o", "", null, null, Instant.parse("1970-01-01T00:00:00Z"), null, null, null, null,
                null, null, null, null, null);
    }

    private GeneralMeterRead roundTrip(GeneralMeterRead read) {
        byte[] bytes = serde.serializer().serialize("store-changelog", read);
        assertThat(bytes[0]).isEqualTo(StoredReadSerde.VERSION);
        return serde.deserializer().deserialize("store-changelog", bytes);
    }

    @Test
    void roundTripsEveryField() {
        assertThat(roundTrip(full())).isEqualTo(full());
    }

    @Test
    void roundTripsAReadWhoseNullableFieldsAreAllNull() {
        assertThat(roundTrip(bare())).isEqualTo(bare());
    }

    @Test
    void truncatesInstantsToMicrosecondsAsTheAvroFormDid() {
        GeneralMeterRead read = full();
        read.setFlowtime(Instant.parse("2026-11-30T10:15:30.123456789Z"));
        read.setInstallDate(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        byte[] framed = new AvroSerializer<GeneralMeterRead>(registry).serialize("store-changelog", read);
        GeneralMeterRead throughAvro = serde.deserializer().deserialize("store-changelog", framed);
        assertThat(roundTrip(read)).isEqualTo(throughAvro);
        assertThat(throughAvro.getFlowtime()).isEqualTo(Instant.parse("2026-11-30T10:15:30.123456Z"));
    }

    @Test
    void isSmallerThanTheFramedAvroForm() {
        byte[] framed = new AvroSerializer<GeneralMeterRead>(registry).serialize("store-changelog", full());
        assertThat(serde.serializer().serialize("store-changelog", full())).hasSizeLessThanOrEqualTo(framed.length);
    }

    @Test
    void readsTheFramedAvroValuesOfAnEarlierChangelog() {
        byte[] framed = new AvroSerializer<GeneralMeterRead>(registry).serialize("store-changelog", full());
        assertThat(framed[0]).isZero();
        assertThat(serde.deserializer().deserialize("store-changelog", framed)).isEqualTo(full());
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void rejectsAnUnknownVersionAndTruncatedBytes() {
        byte[] bytes = serde.serializer().serialize("t", full());
        byte[] unknown = bytes.clone();
        unknown[0] = 7;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknown))
                .isInstanceOf(SerializationException.class).hasMessageContaining("byte 7");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void knowsEveryFieldOfTheSchema() {
        // a field added to GeneralMeterRead must be added to the layout (as a new version) or it would be lost
        assertThat(GeneralMeterRead.getClassSchema().getFields()).extracting(Schema.Field::name)
                .containsExactlyElementsOf(StoredReadSerde.FIELDS);
    }
}
