package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct encoder writes every raw record type, and random meters and reads, exactly as Avro's
 * {@code SpecificDatumWriter} does.
 */
class DirectRecordEncoderTest {

    /** Cell texts as vendors send them: empty, ASCII, Latin-1, other scripts, a surrogate pair, a lone surrogate. */
    private static final List<String> TEXTS = List.of("", "1470158170", "2024-08-01 07:59", "Good", "é", "Ñandú 1",
            "x".repeat(200), "水表", "\uD83D\uDCA7 leak", "bad \uD800 half", "\u0000\u007F\u0080\u07FF\u0800\uFFFF");

    /** Every generated raw record class, from the schema files (the Avro plugin compiles one class each). */
    static Stream<Class<? extends SpecificRecordBase>> everyRawRecordType() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(Path.of("src/main/avro/raw"))) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted()
                    .<Class<? extends SpecificRecordBase>>map(f -> {
                try {
                    JsonNode schema = json.readTree(f.toFile());
                    return Class.forName(schema.get("namespace").asText() + "." + schema.get("name").asText())
                            .asSubclass(SpecificRecordBase.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRawRecordType")
    void writesEveryRawRecordTypeByteForByteAsAvro(Class<? extends SpecificRecordBase> type) throws Exception {
        Schema schema = (Schema) type.getField("SCHEMA$").get(null);
        DirectRecordEncoder encoder = DirectRecordEncoder.of(schema);
        boolean hasRecordArray = schema.getFields().stream().anyMatch(f -> f.schema().getType() == Schema.Type.ARRAY
                && f.schema().getElementType().getType() == Schema.Type.RECORD);
        if (hasRecordArray) {
            assertThat(encoder).as("arrays of records are left to Avro").isNull();
            return;
        }
        assertThat(encoder).isNotNull();
        Random random = new Random(type.getName().hashCode());
        for (int n = 0; n < 300; n++) {
            SpecificRecordBase record = type.getDeclaredConstructor().newInstance();
            for (Schema.Field field : schema.getFields()) {
                if (field.name().equals("extract")) {
                    record.put(field.pos(), metadata(random));
                } else {
                    record.put(field.pos(), random.nextInt(4) == 0 ? null : text(random));
                }
            }

            assertThat(direct(encoder, record)).as("%s", record).isEqualTo(avro(record));
        }
    }

    @Test
    void utf8AndNonStringCharSequencesAreWrittenAsAvroWritesThem() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Beacon360MeterRead read = SampleRecords.beaconRead();
        read.put("Flow", new Utf8("1.5 é"));
        ExtractMetadata extract = read.getExtract();
        extract.put("extra_columns", Map.of("Pressure", new Utf8("61")));

        assertThat(direct(DirectRecordEncoder.of(read.getSchema()), read)).isEqualTo(avro(read));

        // a map value that is neither String nor Utf8 is not written directly: Avro's writer takes it over
        extract.put("extra_columns", Map.of("Pressure", new StringBuilder("61")));
        assertThat(DirectRecordEncoder.of(read.getSchema()).encode(read, output())).isFalse();
        byte[] framed = new AvroSerializer<Beacon360MeterRead>(registry).serialize("t", read);
        assertThat(Arrays.copyOfRange(framed, WireFormat.BODY_OFFSET, framed.length)).isEqualTo(avro(read));
    }

    @Test
    void aValueAvroCannotWriteFailsWithAvrosError() {
        Beacon360MeterRead read = SampleRecords.beaconRead();
        read.getExtract().put("org_id", null);
        AvroSerializer<Beacon360MeterRead> serializer = new AvroSerializer<>(new InMemorySchemaRegistry());

        assertThat(DirectRecordEncoder.of(read.getSchema()).encode(read, output())).isFalse();
        assertThatThrownBy(() -> serializer.serialize("t", read))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead");
    }

    @Test
    void readsAreWrittenByteForByteAsAvro() throws IOException {
        DirectRecordEncoder encoder = DirectRecordEncoder.of(GeneralMeterRead.getClassSchema());
        assertThat(encoder).isNotNull();
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            GeneralMeterRead read = randomRead(random);
            assertThat(direct(encoder, read)).as("read %s", read).isEqualTo(avro(read));
        }
    }

    @Test
    void metersAreWrittenByteForByteAsAvro() throws IOException {
        DirectRecordEncoder encoder = DirectRecordEncoder.of(GeneralMeter.getClassSchema());
        assertThat(encoder).isNotNull();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            GeneralMeter meter = randomMeter(random);
            assertThat(direct(encoder, meter)).as("meter %s", meter).isEqualTo(avro(meter));
        }
    }

    @Test
    void utf8ArrayItemsAndLongTimestampsInAUnionAreWrittenAsAvroWritesThem() throws IOException {
        DirectRecordEncoder encoder = DirectRecordEncoder.of(GeneralMeterRead.getClassSchema());
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            GeneralMeterRead read = randomRead(random);
            if (read.getQuality() != null) {
                List<Object> utf8 = read.getQuality().stream().<Object>map(Utf8::new).toList();
                read.put("quality", utf8);
            }
            assertThat(direct(encoder, read)).as("read %s", read).isEqualTo(avro(read));
        }
        // the serializer, through the encoder, gives the same framed bytes as through Avro's writer
        GeneralMeterRead read = SampleRecords.read();
        read.setQuality(List.of("negative_interval", "水表"));
        byte[] framed = new AvroSerializer<GeneralMeterRead>(new InMemorySchemaRegistry()).serialize("t", read);
        assertThat(Arrays.copyOfRange(framed, WireFormat.BODY_OFFSET, framed.length)).isEqualTo(avro(read));
    }

    @Test
    void aReadWithAValueAvroCannotWriteFailsWithAvrosError() {
        AvroSerializer<GeneralMeterRead> serializer = new AvroSerializer<>(new InMemorySchemaRegistry());
        DirectRecordEncoder encoder = DirectRecordEncoder.of(GeneralMeterRead.getClassSchema());

        GeneralMeterRead missingOrg = SampleRecords.read();
        missingOrg.put("org_id", null);
        assertThat(encoder.encode(missingOrg, output())).isFalse();
        assertThatThrownBy(() -> serializer.serialize("t", missingOrg)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode org.amiconnect.schemas.model.GeneralMeterRead");

        GeneralMeterRead nullFlag = SampleRecords.read();
        nullFlag.setQuality(Arrays.asList("negative_interval", null));
        assertThat(encoder.encode(nullFlag, output())).isFalse();
        assertThatThrownBy(() -> serializer.serialize("t", nullFlag)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode org.amiconnect.schemas.model.GeneralMeterRead");
    }

    @Test
    void recordsWithOtherFieldTypesHaveNoDirectEncoder() {
        assertThat(DirectRecordEncoder.of(SampleRecords.extractRun().getSchema())).isNull(); // enum
        assertThat(DirectRecordEncoder.of(SampleRecords.deadLetter().getSchema())).isNull(); // bytes
    }

    private static GeneralMeterRead randomRead(Random r) {
        return new GeneralMeterRead(text(r, false), text(r, false), text(r, true), text(r, true), instant(r),
                number(r), text(r, true), number(r), text(r, true), text(r, true), r.nextBoolean() ? null : instant(r),
                r.nextBoolean() ? null : r.nextInt(5) - 2 + (r.nextInt(10) == 0 ? Integer.MIN_VALUE : 0),
                text(r, true), flags(r));
    }

    private static GeneralMeter randomMeter(Random r) {
        return new GeneralMeter(text(r, false), text(r, false), text(r, true), text(r, true), text(r, true),
                text(r, true), r.nextBoolean() ? null : instant(r), text(r, true), text(r, true), number(r),
                text(r, true), text(r, true), text(r, true), text(r, true), r.nextBoolean() ? null : instant(r));
    }

    private static List<String> flags(Random r) {
        int n = r.nextInt(4) - 1;
        if (n < 0) {
            return null;
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flags.add(text(r, false));
        }
        return flags;
    }

    /** Null, NaN, -0.0, extremes and ordinary values over twelve orders of magnitude. */
    private static Double number(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> null;
            case 1 -> Double.NaN;
            case 2 -> -0.0;
            case 3 -> r.nextBoolean() ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
            default -> (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(12));
        };
    }

    /** Before and after the epoch, to the microsecond and below (nanos are truncated by both writers). */
    private static Instant instant(Random r) {
        long seconds = r.nextLong(-5_000_000_000L, 5_000_000_000L);
        return Instant.ofEpochSecond(seconds, r.nextInt(1_000_000_000));
    }

    /** ASCII, Latin-1, CJK, surrogate pairs and lone surrogates (both writers encode the latter as '?'). */
    private static String text(Random r, boolean nullable) {
        if (nullable && r.nextInt(4) == 0) {
            return null;
        }
        int length = r.nextInt(r.nextInt(10) == 0 ? 200 : 20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(12)) {
                case 0 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 1 -> sb.append((char) (0x4E00 + r.nextInt(0x100)));
                case 2 -> sb.appendCodePoint(0x1F600 + r.nextInt(0x40));
                case 3 -> sb.append((char) (0xD800 + r.nextInt(0x800)));
                default -> sb.append((char) r.nextInt(0x80));
            }
        }
        return sb.toString();
    }

    private static ExtractMetadata metadata(Random random) {
        Instant[] times = {Instant.parse("2024-08-01T07:59:00.123456Z"), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2106-02-07T06:28:16Z")};
        return new ExtractMetadata(text(random), text(random), times[random.nextInt(times.length)], text(random),
                random.nextBoolean() ? null : random.nextLong(1 << 40) - (1 << 20), maybeMap(random, true),
                maybeMap(random, false), maybeMap(random, true));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> maybeMap(Random random, boolean strings) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            map.put(text(random) + i, strings ? text(random) : (Object) (random.nextInt() >> random.nextInt(32)));
        }
        return (Map<String, V>) map;
    }

    private static String text(Random random) {
        return TEXTS.get(random.nextInt(TEXTS.size()));
    }

    private static ReusableOutput output() {
        ReusableOutput out = new ReusableOutput();
        out.startRecord();
        return out;
    }

    private static byte[] direct(DirectRecordEncoder encoder, SpecificRecordBase record) {
        ReusableOutput out = output();
        assertThat(encoder.encode(record, out)).isTrue();
        byte[] framed = out.finishRecord(0);
        return Arrays.copyOfRange(framed, WireFormat.BODY_OFFSET, framed.length);
    }

    private static byte[] avro(SpecificRecordBase record) throws IOException {
        SpecificData model = record.getSpecificData();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new SpecificDatumWriter<>(record.getSchema(), model).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
