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

    @Test
    void writesTheSameBytesAsTheLayoutWithAByteArrayPerText() {
        // the encoder copies short ASCII text char by char into a reused buffer; the bytes must be the layout's own
        java.util.Random random = new java.util.Random(17);
        List<String> texts = List.of("", "a", "org_ü", "Zähler 🚰", "\ud800 lone", "x".repeat(63), "y".repeat(64),
                "z".repeat(200), "ü".repeat(40), "\u007f\u0080", "CF");
        for (int i = 0; i < 2_000; i++) {
            java.util.function.Supplier<String> text = () -> random.nextInt(4) == 0 ? null
                    : texts.get(random.nextInt(texts.size()));
            String org = texts.get(random.nextInt(texts.size()));
            String device = texts.get(random.nextInt(texts.size()));
            GeneralMeterRead read = new GeneralMeterRead(org, device, text.get(), text.get(),
                    Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000) * 1000L),
                    random.nextBoolean() ? null : random.nextGaussian(), text.get(),
                    random.nextBoolean() ? null : random.nextGaussian(), text.get(), text.get(),
                    random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt()),
                    random.nextBoolean() ? null : random.nextInt(3) - 1, text.get(),
                    random.nextBoolean() ? null : List.of(texts.get(random.nextInt(texts.size())), "negative_interval"));
            byte[] bytes = serde.serializer().serialize("t", read);
            assertThat(bytes).as("%s", read).isEqualTo(layout(read));
            if (!read.toString().contains("lone")) { // a lone surrogate is written as '?', as getBytes writes it
                assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(read);
            }
        }
    }

    /** The layout as documented, each text through {@code String.getBytes(UTF_8)}: what the encoder wrote before. */
    private static byte[] layout(GeneralMeterRead r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(StoredReadSerde.VERSION);
        text(out, r.getOrgId());
        text(out, r.getDeviceId());
        varlong(out, micros(r.getFlowtime()));
        Object[] optional = {r.getAccountId(), r.getLocationId(), r.getRegisterValue(), r.getRegisterUnit(),
                r.getIntervalValue(), r.getIntervalUnit(), r.getBattery(), r.getInstallDate(), r.getEstimated(),
                r.getConnection(), r.getQuality()};
        int present = 0;
        for (int i = 0; i < optional.length; i++) {
            present |= optional[i] != null ? 1 << i : 0;
        }
        varlong(out, present);
        for (Object v : optional) {
            if (v instanceof String s) {
                text(out, s);
            } else if (v instanceof Double d) {
                long bits = Double.doubleToRawLongBits(d);
                for (int b = 0; b < 8; b++) {
                    out.write((int) (bits >>> (8 * b)));
                }
            } else if (v instanceof Instant t) {
                varlong(out, micros(t));
            } else if (v instanceof Integer n) {
                varlong(out, n);
            } else if (v instanceof List<?> flags) {
                varlong(out, flags.size());
                flags.forEach(f -> text(out, (String) f));
            }
        }
        return out.toByteArray();
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static void text(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        varlong(out, b.length);
        out.writeBytes(b);
    }

    private static void varlong(java.io.ByteArrayOutputStream out, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }
}
