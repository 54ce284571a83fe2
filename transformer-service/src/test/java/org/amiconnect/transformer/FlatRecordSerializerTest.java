package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The direct writer must produce exactly the bytes of the registry serde, field for field. */
class FlatRecordSerializerTest {

    private static final String READS = "ami.meter-reads";
    private static final String METERS = "ami.meters";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(registry);
    private final FlatRecordSerializer flat = new FlatRecordSerializer(registry);

    @Test
    void readsAreTheRegistrySerdesBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            GeneralMeterRead read = randomRead(random);
            assertThat(flat.serialize(READS, read)).as("read %s", read).isEqualTo(avro.serialize(READS, read));
        }
    }

    @Test
    void metersAreTheRegistrySerdesBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            GeneralMeter meter = randomMeter(random);
            assertThat(flat.serialize(METERS, meter)).as("meter %s", meter).isEqualTo(avro.serialize(METERS, meter));
        }
    }

    @Test
    void aGenericRecordWithUtf8TextsIsTheRegistrySerdesBytes() {
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            GeneralMeterRead read = randomRead(random);
            GenericData.Record generic = new GenericData.Record(read.getSchema());
            for (int f = 0; f < read.getSchema().getFields().size(); f++) {
                Object v = read.get(f);
                generic.put(f, v instanceof String s ? new Utf8(s) : v instanceof Instant t ? FlatRecordWriter.micros(t)
                        : v instanceof List<?> l ? l.stream().map(x -> new Utf8((String) x)).toList() : v);
            }
            FlatRecordWriter.Output out = new FlatRecordWriter.Output();
            out.reset(0);
            FlatRecordWriter.of(read.getSchema()).write(generic, out);
            byte[] framed = avro.serialize(READS, read);
            assertThat(out.toArray()).isEqualTo(Arrays.copyOfRange(framed, 5, framed.length));
        }
    }

    @Test
    void aRecordOfAnotherShapeIsWrittenByTheRegistrySerde() {
        SpecificRecord letter = DeadLetters.of("raw", 1, 2L, new byte[] {1}, new byte[] {2, 3}, "normalize",
                new IllegalStateException("why"), null, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(FlatRecordWriter.of(letter.getSchema())).isNull();
        assertThat(flat.serialize("ami.dlq", letter)).isEqualTo(avro.serialize("ami.dlq", letter));
    }

    @Test
    void nullIsATombstoneAndAMissingRequiredFieldIsNamed() {
        assertThat(flat.serialize(READS, null)).isNull();
        GeneralMeterRead read = randomRead(new Random(1));
        read.put(0, null);
        assertThatThrownBy(() -> flat.serialize(READS, read)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("org_id");
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

    private static Double number(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> null;
            case 1 -> Double.NaN;
            case 2 -> -0.0;
            case 3 -> r.nextBoolean() ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
            default -> (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(12));
        };
    }

    private static Instant instant(Random r) {
        // before and after the epoch, to the microsecond and below (nanos are truncated by both writers)
        long seconds = r.nextLong(-5_000_000_000L, 5_000_000_000L);
        return Instant.ofEpochSecond(seconds, r.nextInt(1_000_000_000));
    }

    /** ASCII, Latin-1, CJK, surrogate pairs and lone surrogates (both writers encode them as '?'). */
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
}
