package org.amiconnect.archiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.amiconnect.archiver.format.ArchiveFormat;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectBuilder;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.archiver.format.ObjectSummary;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArchiveStoreTest {

    @TempDir
    Path dir;

    private Path object(ArchiveKey key, int records) {
        Path file = dir.resolve("out-" + key.firstOffset() + ".avro");
        try (ArchiveObjectBuilder b = new ArchiveObjectBuilder(key, 0, dir)) {
            for (int i = 0; i < records; i++) {
                b.append(key.firstOffset() + i, new ArchiveFormat.Encoder().encode(
                        new ArchivedRecord(key.topic(), key.partition(),
                                key.firstOffset() + i, 0, TimestampType.CREATE_TIME,
                                null, new byte[] {(byte) i}, List.of())), null, null);
            }
            b.finish(ArchiveFormat.codec("deflate"), file);
        }
        return file;
    }

    @Test
    void storesListsAndOpensObjectsUnderTheirKeys() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.resolve("archive"));
        ArchiveKey a = new ArchiveKey("ami.raw.v.e", 0, 0, LocalDate.of(2025, 1, 1));
        ArchiveKey b = new ArchiveKey("ami.raw.v.e", 0, 3, LocalDate.of(2025, 1, 2));
        ArchiveKey other = new ArchiveKey("ami.raw.v.other", 1, 0, LocalDate.of(2025, 1, 1));
        store.put(b, object(b, 2), new ObjectSummary(b.topic(), 0, 3, 4, 2));
        store.put(a, object(a, 3), new ObjectSummary(a.topic(), 0, 0, 2, 3));
        store.put(other, object(other, 1), new ObjectSummary(other.topic(), 1, 0, 0, 1));
        Files.writeString(dir.resolve("archive/ami.raw.v.e/notes.txt"), "not an object");

        assertThat(store.list("ami.raw.v.e/")).extracting(ArchiveStore.StoredObject::key)
                .containsExactly(a.path(), b.path());
        assertThat(store.list("ami.raw.v.e/date=2025-01-02/")).extracting(ArchiveStore.StoredObject::key)
                .containsExactly(b.path());
        assertThat(store.list("")).hasSize(3);
        assertThat(store.summary(a)).contains(new ObjectSummary(a.topic(), 0, 0, 2, 3));
        assertThat(store.summary(new ArchiveKey("ami.raw.v.e", 0, 9, LocalDate.of(2025, 1, 1)))).isEmpty();
        try (InputStream in = store.open(b.path())) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve("out-3.avro")));
        }
        try (var files = Files.walk(dir.resolve("archive"))) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    @Test
    void replacingAnObjectKeepsOneObjectUnderTheKey() {
        LocalArchiveStore store = new LocalArchiveStore(dir.resolve("archive"));
        ArchiveKey key = new ArchiveKey("t", 2, 10, LocalDate.of(2025, 1, 1));
        store.put(key, object(key, 1), new ObjectSummary("t", 2, 10, 10, 1));
        store.put(key, object(key, 4), new ObjectSummary("t", 2, 10, 13, 4));

        assertThat(store.list("t/")).hasSize(1);
        assertThat(store.summary(key)).contains(new ObjectSummary("t", 2, 10, 13, 4));
    }

    @Test
    void aMissingObjectIsNamed() {
        LocalArchiveStore store = new LocalArchiveStore(dir);

        assertThatThrownBy(() -> store.open("t/date=2025-01-01/t+0+00000000000000000000.avro"))
                .isInstanceOf(ArchiveStoreException.class)
                .hasMessageStartingWith("No archive object t/date=2025-01-01/t+0+00000000000000000000.avro in ");
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void anUnreadableObjectHasNoSummaryAndMayBeReplaced() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir);
        ArchiveKey key = new ArchiveKey("t", 0, 0, LocalDate.of(2025, 1, 1));
        Files.createDirectories(dir.resolve(key.path()).getParent());
        Files.writeString(dir.resolve(key.path()), "garbage");

        assertThat(store.summary(key)).isEmpty();
    }
}
