package org.amiconnect.archiver.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.WireFormat;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing and reading archive objects: whole records, the writer schemas, identical bytes for identical input. */
class ArchiveObjectTest {

    private static final String TOPIC = "ami.raw.beacon360.meter-read";

    @TempDir
    Path dir;

    private final SchemaRegistry registry = new InMemorySchemaRegistry();

    private List<ConsumerRecord<byte[], byte[]>> records(int partition, long from, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (long row = from; row < from + count; row++) {
            out.add(TestRecords.consumed(registry, TOPIC, partition, row));
        }
        return out;
    }

    private byte[] write(List<ConsumerRecord<byte[], byte[]>> records, String codec, String name) throws IOException {
        ConsumerRecord<byte[], byte[]> first = records.get(0);
        ArchiveKey key = ArchiveKey.of(first.topic(), first.partition(), first.offset(), first.timestamp());
        Path spool = Files.createDirectories(dir.resolve("spool-" + name));
        Path target = dir.resolve(name + ".avro");
        ArchiveFormat.Encoder encoder = new ArchiveFormat.Encoder();
        try (ArchiveObjectBuilder builder = new ArchiveObjectBuilder(key, first.timestamp(), spool)) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                int id = WireFormat.schemaId(r.value());
                encoder.encode(r);
                builder.append(r.offset(), encoder.buffer(), encoder.length(), id, registry.schemaById(id).toString());
            }
            builder.finish(ArchiveFormat.codec(codec), target);
        }
        return Files.readAllBytes(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "zstd"})
    void theSameRecordsGiveIdenticalBytes(String codec) throws Exception {
        byte[] first = write(records(1, 40, 500), codec, "first");
        Thread.sleep(5); // a wall-clock value in the file would now differ
        byte[] second = write(records(1, 40, 500), codec, "second");

        assertThat(second).isEqualTo(first);
        assertThat(first.length).isGreaterThan(1000);
    }

    @Test
    void theSyncMarkerDependsOnTopicPartitionAndFirstOffset() {
        byte[] marker = ArchiveFormat.syncMarker(TOPIC, 1, 40);

        assertThat(marker).hasSize(16).isEqualTo(ArchiveFormat.syncMarker(TOPIC, 1, 40));
        assertThat(marker).isNotEqualTo(ArchiveFormat.syncMarker(TOPIC, 1, 41))
                .isNotEqualTo(ArchiveFormat.syncMarker(TOPIC, 2, 40))
                .isNotEqualTo(ArchiveFormat.syncMarker(TOPIC + "x", 1, 40));
    }

    @Test
    void anObjectHoldsWholeRecordsAndReadsBackUnchanged() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> in = records(2, 7, 25);
        byte[] bytes = write(in, "deflate", "whole");

        List<ArchivedRecord> out;
        try (ArchiveObjectReader reader = ArchiveObjectReader.open("whole", new ByteArrayInputStream(bytes))) {
            assertThat(reader.summary()).isEqualTo(new ObjectSummary(TOPIC, 2, 7, 31, 25));
            out = reader.readAll();
        }

        assertThat(out).hasSize(25);
        for (int i = 0; i < in.size(); i++) {
            ConsumerRecord<byte[], byte[]> expected = in.get(i);
            ArchivedRecord actual = out.get(i);
            assertThat(actual.topic()).isEqualTo(TOPIC);
            assertThat(actual.partition()).isEqualTo(2);
            assertThat(actual.offset()).isEqualTo(expected.offset());
            assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
            assertThat(actual.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(actual.key()).isEqualTo(expected.key());
            assertThat(actual.value()).isEqualTo(expected.value());
            assertThat(actual.headers()).extracting(ArchivedRecord.Header::key)
                    .containsExactly("ami.run-id", "ami.org-id", "empty");
            assertThat(actual.header("ami.run-id")).isEqualTo(expected.headers().lastHeader("ami.run-id").value());
            assertThat(actual.header("empty")).isNull();
        }
    }

    @Test
    void anObjectCarriesTheWriterSchemaOfItsValuesSoItOutlivesTheRegistry() throws Exception {
        byte[] bytes = write(records(0, 0, 3), "zstd", "schemas");
        int id = WireFormat.schemaId(records(0, 0, 1).get(0).value());

        try (ArchiveObjectReader reader = ArchiveObjectReader.open("schemas", new ByteArrayInputStream(bytes))) {
            assertThat(reader.schemas()).containsOnlyKeys(id);
            assertThat(reader.schemas().get(id)).isEqualTo(Beacon360MeterRead.getClassSchema());
        }
    }

    @Test
    void plainAvroToolsReadAnObjectAndItsMetadata() throws Exception {
        byte[] bytes = write(records(0, 100, 4), "deflate", "plain");

        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(bytes),
                new GenericDatumReader<>())) {
            assertThat(stream.getMetaString("avro.codec")).isEqualTo("deflate");
            assertThat(stream.getMetaString(ArchiveFormat.META_TOPIC)).isEqualTo(TOPIC);
            assertThat(stream.getMetaString(ArchiveFormat.META_FIRST_OFFSET)).isEqualTo("100");
            assertThat(stream.getMetaString(ArchiveFormat.META_LAST_OFFSET)).isEqualTo("103");
            assertThat(stream.getMetaString(ArchiveFormat.META_RECORD_COUNT)).isEqualTo("4");
            // nothing that changes between two writes of the same records
            assertThat(stream.getMetaKeys()).containsExactlyInAnyOrder("avro.schema", "avro.codec",
                    "amiconnect.format", "amiconnect.topic", "amiconnect.partition", "amiconnect.first-offset",
                    "amiconnect.last-offset", "amiconnect.record-count",
                    "amiconnect.schema." + WireFormat.schemaId(records(0, 0, 1).get(0).value()));
            List<Long> offsets = new ArrayList<>();
            stream.forEach(g -> offsets.add((Long) g.get("offset")));
            assertThat(offsets).containsExactly(100L, 101L, 102L, 103L);
        }
    }

    @Test
    void aTruncatedObjectIsReportedByItsKey() throws Exception {
        byte[] bytes = write(records(0, 0, 2000), "deflate", "truncated");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length * 2 / 3);

        try (ArchiveObjectReader reader = ArchiveObjectReader.open("t/date=2025-03-09/t+0+0.avro",
                new ByteArrayInputStream(truncated))) {
            assertThatThrownBy(reader::readAll).isInstanceOf(CorruptArchiveObjectException.class)
                    .hasMessageStartingWith("Archive object t/date=2025-03-09/t+0+0.avro is corrupt or truncated: ");
        }
    }

    @Test
    void aCorruptObjectIsReportedByItsKey() throws Exception {
        byte[] bytes = write(records(0, 0, 2000), "deflate", "corrupt");
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5A;
        }

        try (ArchiveObjectReader reader = ArchiveObjectReader.open("corrupt-key", new ByteArrayInputStream(bytes))) {
            assertThatThrownBy(reader::readAll).isInstanceOf(CorruptArchiveObjectException.class)
                    .hasMessageStartingWith("Archive object corrupt-key is corrupt or truncated: ");
        }
    }

    @Test
    void oneChangedByteInAZstdBlockIsCaughtByItsChecksum() throws Exception {
        byte[] bytes = write(records(0, 0, 2000), "zstd", "one-byte");
        bytes[bytes.length / 2] ^= 0x01;

        try (ArchiveObjectReader reader = ArchiveObjectReader.open("one-byte-key", new ByteArrayInputStream(bytes))) {
            assertThatThrownBy(reader::readAll).isInstanceOf(CorruptArchiveObjectException.class)
                    .hasMessageStartingWith("Archive object one-byte-key is corrupt or truncated: ");
        }
    }

    @Test
    void aFileThatIsNotAnArchiveObjectIsReportedByItsKey() {
        assertThatThrownBy(() -> ArchiveObjectReader.open("notes.avro",
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CorruptArchiveObjectException.class)
                .hasMessageStartingWith("Archive object notes.avro is corrupt or truncated: cannot read its Avro header");
    }

    @Test
    void recordsMustComeInOffsetOrder() throws Exception {
        ArchiveKey key = ArchiveKey.of(TOPIC, 0, 5, 0);
        try (ArchiveObjectBuilder builder = new ArchiveObjectBuilder(key, 0, dir)) {
            builder.append(5, new byte[] {1}, null, null);
            assertThatThrownBy(() -> builder.append(5, new byte[] {1}, null, null))
                    .hasMessageContaining("offset 5 after 5");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("the spool file is deleted").isEmpty();
        }
    }
}
