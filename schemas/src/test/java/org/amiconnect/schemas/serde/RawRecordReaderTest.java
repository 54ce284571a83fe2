package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The schema walk must read exactly the records Avro's resolving reader reads, for every raw record class. */
class RawRecordReaderTest {

    private static final String TOPIC = "ami.raw.test";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(registry);

    @Test
    void readsTheRecordsAvroReads() {
        for (Class<? extends SpecificRecordBase> type : List.of(Beacon360MeterRead.class, MetersenseIntervalRead.class,
                MetersenseMeterHistory.class, SentryxConsumption.class, SubecaUsage.class,
                XylemDatalakeWaterInterval.class)) {
            sameAsAvro(type, new Random(type.getName().hashCode()));
        }
    }

    private <T extends SpecificRecordBase> void sameAsAvro(Class<T> type, Random random) {
        RawRecordReader<T> direct = new RawRecordReader<>(registry, type);
        AvroDeserializer<T> general = new AvroDeserializer<>(registry, type);
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        assertThat(direct.walks(schema)).as("%s is read by the walk", type).isTrue();
        T previous = null;
        for (int i = 0; i < 5_000; i++) {
            @SuppressWarnings("unchecked")
            T record = (T) randomRecord(schema, random, previous);
            byte[] bytes = avro.serialize(TOPIC, record);
            T read = direct.deserialize(TOPIC, bytes);
            assertThat(read).as("%s", record).isEqualTo(general.deserialize(TOPIC, bytes)).isEqualTo(record);
            previous = record;
        }
    }

    @Test
    void aRepeatedTextOrTimestampIsTheSameInstanceAndADifferentOneIsNot() {
        RawRecordReader<Beacon360MeterRead> direct = new RawRecordReader<>(registry, Beacon360MeterRead.class);
        Beacon360MeterRead row = (Beacon360MeterRead) randomRecord(Beacon360MeterRead.getClassSchema(), new Random(3),
                null);
        row.setMeterID("M-1");
        Beacon360MeterRead first = direct.deserialize(TOPIC, avro.serialize(TOPIC, row));
        Beacon360MeterRead second = direct.deserialize(TOPIC, avro.serialize(TOPIC, row));
        assertThat(second.getMeterID()).isSameAs(first.getMeterID());
        assertThat(second.getExtract().getExtractedAt()).isEqualTo(first.getExtract().getExtractedAt())
                .isSameAs(first.getExtract().getExtractedAt());
        assertThat(second).isNotSameAs(first).isEqualTo(first);
        row.setMeterID("M-2");
        row.getExtract().setExtractedAt(row.getExtract().getExtractedAt().plusSeconds(1));
        Beacon360MeterRead third = direct.deserialize(TOPIC, avro.serialize(TOPIC, row));
        assertThat(third.getMeterID()).isEqualTo("M-2");
        assertThat(third.getExtract().getExtractedAt()).isEqualTo(row.getExtract().getExtractedAt());
    }

    @Test
    void anOlderWriterSchemaIsReadWithAvrosResolution() throws IOException {
        // an earlier Beacon schema without Read_Unit: the walk does not cover it, the general reader fills the default
        Schema current = Beacon360MeterRead.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals("Read_Unit"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        GenericRecord raw = new GenericData.Record(older);
        Beacon360MeterRead full = (Beacon360MeterRead) randomRecord(current, new Random(5), null);
        for (Schema.Field f : older.getFields()) {
            raw.put(f.name(), full.get(current.getField(f.name()).pos()));
        }
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(older, model).write(raw, encoder);
        encoder.flush();
        byte[] bytes = WireFormat.frame(registry.register(TOPIC + "-value", older), body.toByteArray());
        Beacon360MeterRead read = new RawRecordReader<>(registry, Beacon360MeterRead.class).deserialize(TOPIC, bytes);
        assertThat(read).isEqualTo(new AvroDeserializer<>(registry, Beacon360MeterRead.class).deserialize(TOPIC, bytes));
        assertThat(read.getReadUnit()).isNull();
        assertThat(new RawRecordReader<>(registry, Beacon360MeterRead.class).walks(older)).isFalse();
        assertThat(read.getEndpointSN()).isEqualTo(full.getEndpointSN());
    }

    @Test
    void truncatedOrUnframedBytesFailAsSerializationErrors() {
        RawRecordReader<Beacon360MeterRead> direct = new RawRecordReader<>(registry, Beacon360MeterRead.class);
        byte[] bytes = avro.serialize(TOPIC,
                (SpecificRecord) randomRecord(Beacon360MeterRead.getClassSchema(), new Random(9), null));
        assertThatThrownBy(() -> direct.deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Beacon360MeterRead");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> direct.deserialize(TOPIC, longer)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("left after the record");
        assertThatThrownBy(() -> direct.deserialize(TOPIC, new byte[] {1, 2, 3, 4, 5, 6}))
                .isInstanceOf(SerializationException.class);
        assertThat(direct.deserialize(TOPIC, null)).isNull();
        assertThat(direct.deserialize(TOPIC, new byte[0])).isNull();
    }

    /**
     * A record of random values for every field; a text field repeats {@code previous}'s value half of the time (as a
     * report's rows of one meter do).
     */
    private static Object randomRecord(Schema schema, Random r, SpecificRecord previous) {
        SpecificRecordBase record = (SpecificRecordBase) SpecificData.get().newRecord(null, schema);
        for (Schema.Field f : schema.getFields()) {
            Object before = previous == null ? null : previous.get(f.pos());
            record.put(f.pos(), before != null && r.nextBoolean() && !(before instanceof ExtractMetadata) ? before
                    : value(f.schema(), r, record.getConversion(f.pos()) != null));
        }
        return record;
    }

    private static Object value(Schema s, Random r, boolean instant) {
        return switch (s.getType()) {
            case UNION -> {
                List<Schema> branches = s.getTypes();
                Schema branch = branches.get(r.nextInt(branches.size()));
                yield branch.getType() == Schema.Type.NULL ? null : value(branch, r, instant);
            }
            case STRING -> text(r);
            case INT -> r.nextInt(10) == 0 ? Integer.MIN_VALUE : r.nextInt(2000) - 1000;
            case LONG -> instant ? Instant.ofEpochSecond(r.nextLong(-5_000_000_000L, 5_000_000_000L),
                    r.nextInt(1_000_000) * 1_000L) : r.nextLong();
            case DOUBLE -> r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian() * 1e6;
            case BOOLEAN -> r.nextBoolean();
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(text(r), value(s.getValueType(), r, false));
                }
                yield map;
            }
            case RECORD -> randomRecord(s, r, null);
            default -> throw new IllegalArgumentException("no random value for " + s);
        };
    }

    private static String text(Random r) {
        int length = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(10)) {
                case 0 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 1 -> sb.appendCodePoint(0x1F600 + r.nextInt(0x40));
                default -> sb.append((char) (' ' + r.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }
}
