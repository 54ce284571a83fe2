package org.amiconnect.cli.commands.archive;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.amiconnect.cli.AmiConnectRun.assertHelpOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.amiconnect.archiver.format.ArchiveFormat;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.archiver.store.LocalArchiveStore;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.schemas.serde.WireFormat;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The archive and replay commands without a broker: help, archive ls and cat, and argument errors. */
class ArchiveCommandsTest {

    private static final String TOPIC = "ami.raw.beacon360.meter-read";
    private static final Instant T0 = Instant.parse("2025-03-09T23:58:00Z");

    @TempDir
    Path dir;

    private Path config;
    private Path archive;

    @BeforeEach
    void writeConfig() {
        archive = dir.resolve("archive");
        config = ConfigFiles.in(dir).localArchive().beacon360("utility_a", "u", "p")
                .duckdbSink("wh", dir.resolve("wh.duckdb")).write();
    }

    /** Two objects of partition 0: rows 0..2 (before midnight UTC) and 3..4 (after). */
    private List<ArchiveKey> archiveTwoObjects() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        List<ArchiveKey> keys = new ArrayList<>();
        try (AvroSerializer<Beacon360MeterRead> values = new AvroSerializer<>(registry);
                LocalArchiveStore store = new LocalArchiveStore(archive)) {
            for (int[] range : new int[][] {{0, 3}, {3, 5}}) {
                long ts = T0.plusSeconds(60L * range[0]).toEpochMilli();
                ArchiveKey key = ArchiveKey.of(TOPIC, 0, range[0], ts);
                Path file = dir.resolve("object-" + range[0] + ".avro");
                try (ArchiveObjectBuilder b = new ArchiveObjectBuilder(key, ts, dir)) {
                    for (int row = range[0]; row < range[1]; row++) {
                        byte[] value = values.serialize(TOPIC, read("ep-" + row, row));
                        int id = WireFormat.schemaId(value);
                        b.append(row, new ArchiveFormat.Encoder().encode(new ArchivedRecord(TOPIC, 0, row,
                                T0.plusSeconds(60L * row).toEpochMilli(), TimestampType.CREATE_TIME,
                                RecordKeys.of("utility_a", "ep-" + row).getBytes(StandardCharsets.UTF_8), value, List.of())), id,
                                registry.schemaById(id).toString());
                    }
                    store.put(key, file, b.finish(ArchiveFormat.codec("deflate"), file));
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private static Beacon360MeterRead read(String endpoint, long row) {
        return Beacon360MeterRead.newBuilder().setEndpointSN(endpoint).setRead(String.valueOf(100 + row))
                .setExtract(ExtractMetadata.newBuilder().setOrgId("utility_a").setRunId("run-1")
                        .setExtractedAt(T0).setSource("report.csv").setSourceRecord(row).build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"archiver", "replay", "replay archive", "replay offsets", "replay transformer", "archive",
        "archive ls", "archive cat"})
    void everyArchiveCommandHasHelp(String command) {
        assertHelpOf(command);
    }

    @Test
    void archiveLsListsObjectsByTopicAndIngestDate() {
        List<ArchiveKey> keys = archiveTwoObjects();

        CommandRun all = amiconnect("archive", "ls", "-c", config.toString(), "--topic", TOPIC);
        CommandRun oneDay = amiconnect("archive", "ls", "-c", config.toString(), "--topic", TOPIC, "--date",
                "2025-03-10");

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains(keys.get(0).path(), keys.get(1).path(), "2 objects, ", archive.toString());
        assertThat(keys.get(0).path()).contains("/date=2025-03-09/");
        assertThat(oneDay.out()).contains(keys.get(1).path(), "1 objects").doesNotContain(keys.get(0).path());
    }

    @Test
    void archiveCatPrintsRecordsAsJsonWithValuesDecodedByTheArchivedSchema() throws Exception {
        ArchiveKey key = archiveTwoObjects().get(0);

        CommandRun r = amiconnect("archive", "cat", "-c", config.toString(), key.path(), "--limit", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("key").asText()).isEqualTo("utility_a|ep-0");
        assertThat(first.get("timestamp").asText()).isEqualTo("2025-03-09T23:58:00Z");
        assertThat(first.get("value").get("Endpoint_SN").asText()).isEqualTo("ep-0");
        assertThat(first.get("value").get("Read").asText()).isEqualTo("100");
    }

    @Test
    void archiveCatOfATruncatedObjectNamesIt() throws Exception {
        ArchiveKey key = archiveTwoObjects().get(1);
        Path file = archive.resolve(key.path());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 40));

        CommandRun r = amiconnect("archive", "cat", "-c", config.toString(), key.path());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Archive object " + key.path() + " is corrupt or truncated");
    }

    @Test
    void replayOfATopicWithoutArchivedObjectsSaysWhichTopicsAreArchived() {
        archiveTwoObjects();

        CommandRun r = amiconnect("replay", "archive", "-c", config.toString(), "--topic", "ami.raw.other.thing");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("No archived objects of topic ami.raw.other.thing in " + archive,
                "archived topics: " + TOPIC);
    }

    @Test
    void replayOffsetsNeedsExactlyOneTarget() {
        CommandRun none = amiconnect("replay", "offsets", "-c", config.toString(), "--group", "g");
        CommandRun two = amiconnect("replay", "offsets", "-c", config.toString(), "--group", "g", "--to-earliest",
                "--to-latest");

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("mutually exclusive");
    }

    @Test
    void aTimeWithoutAnOffsetIsRefusedRatherThanGuessed() {
        CommandRun r = amiconnect("replay", "offsets", "-c", config.toString(), "--group", "g", "--to-datetime",
                "2025-03-01T08:00:00");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--to-datetime: '2025-03-01T08:00:00' is not a time with an offset",
                "add the UTC offset, e.g. 2025-03-01T08:00:00Z");
    }
}
