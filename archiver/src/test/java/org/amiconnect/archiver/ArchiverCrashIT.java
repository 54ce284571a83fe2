package org.amiconnect.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectReader;
import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.core.config.ArchiveSettings;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.records.TestRecords;
import org.junit.jupiter.api.Test;

/**
 * An archiver that dies after storing an object and before committing its offsets: after a restart the archive has
 * the same keys with the same bytes, and every record exactly once.
 */
class ArchiverCrashIT {

    private static final Duration SPACING = Duration.ofSeconds(10);

    /** Stands for the process dying: not an exception the archiver handles and retries. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(ArchiveKey key) {
            super("killed after storing " + key);
        }
    }

    private final SchemaRegistry registry = new InMemorySchemaRegistry();
    private final ArchiveTopics kafka = ArchiveTopics.onSharedBroker("crash", 3, registry);
    private final String prefix = kafka.prefix();
    private final String topic = kafka.rawReads();
    private final S3ProxyServer s3 = S3ProxyServer.shared();

    private ArchiveSettings settings(String archivePrefix, long rotateRecords) {
        return s3.settings(archivePrefix).withRotation(rotateRecords, 64L * 1024 * 1024, Duration.ofHours(1),
                Duration.ofMillis(400));
    }

    private Archiver archiver(String archivePrefix, String group, long rotateRecords) {
        return new Archiver(settings(archivePrefix, rotateRecords), s3.store(archivePrefix), kafka.clients(), group,
                registry, List.of(topic));
    }

    /** Starts an archiver that dies right after storing its {@code n}-th object; returns when it is dead. */
    private List<ArchiveKey> runUntilKilled(Archiver archiver, int n) {
        List<ArchiveKey> stored = new ArrayList<>();
        archiver.afterStore(key -> {
            stored.add(key);
            if (stored.size() == n) {
                throw new Killed(key);
            }
        });
        archiver.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !archiver.isHealthy() && archiver.stats().objects() >= n);
        archiver.close();
        return stored;
    }

    private ArchiverStats runToTheEnd(Archiver archiver) {
        try (archiver) {
            archiver.start();
            GroupOffsets.awaitCaughtUp(kafka.clients(), archiver.consumerGroup(), List.of(topic),
                    Duration.ofSeconds(30));
        }
        return archiver.stats();
    }

    /** Offsets in the archive, by partition; fails on any offset archived twice. */
    private static Map<Integer, Set<Long>> archivedOffsets(Map<String, byte[]> objects) {
        Map<Integer, Set<Long>> out = new TreeMap<>();
        objects.forEach((key, bytes) -> {
            try (ArchiveObjectReader reader = ArchiveObjectReader.open(key, new ByteArrayInputStream(bytes))) {
                for (ArchivedRecord r : reader.readAll()) {
                    assertThat(out.computeIfAbsent(r.partition(), p -> new TreeSet<>()).add(r.offset()))
                            .as("offset %d of partition %d is archived once", r.offset(), r.partition()).isTrue();
                }
            }
        });
        return out;
    }

    @Test
    void anObjectClosedForIdlenessIsRebuiltWithTheSameBytesAfterACrashBeforeTheCommit() {
        kafka.publish(topic, TestRecords.ORG, 0, 90, SPACING);
        String group = prefix + ".amiconnect-archiver";

        List<ArchiveKey> stored = runUntilKilled(archiver(prefix, group, 10_000), 1);
        Map<String, byte[]> beforeRestart = s3.objects(prefix);
        // more records arrive while the archiver is down: the rebuilt object must still end where the stored one did
        kafka.publish(topic, TestRecords.ORG, 90, 90, SPACING);
        ArchiverStats restarted = runToTheEnd(archiver(prefix, group, 10_000));

        Map<String, byte[]> after = s3.objects(prefix);
        assertThat(beforeRestart).containsOnlyKeys(stored.get(0).path());
        assertThat(after.get(stored.get(0).path())).as("same key, same bytes")
                .isEqualTo(beforeRestart.get(stored.get(0).path()));
        assertThat(restarted.rebuilt()).isEqualTo(1);
        assertThat(archivedOffsets(after)).as("every record once, none missing")
                .isEqualTo(ArchiveTopics.offsets(kafka.readAll(topic)));
    }

    @Test
    void anArchiverKilledBetweenStoreAndCommitLeavesTheSameObjectsAsOneThatNeverStopped() {
        kafka.publish(topic, TestRecords.ORG, 0, 1_000, SPACING);
        String reference = prefix + "-reference";
        runToTheEnd(archiver(reference, prefix + ".reference-archiver", 120));

        String group = prefix + ".amiconnect-archiver";
        List<ArchiveKey> beforeCrash = runUntilKilled(archiver(prefix, group, 120), 4);
        ArchiverStats restarted = runToTheEnd(archiver(prefix, group, 120));

        Map<String, byte[]> expected = s3.objects(reference);
        Map<String, byte[]> actual = s3.objects(prefix);
        assertThat(actual.keySet()).as("same keys").isEqualTo(expected.keySet());
        actual.forEach((key, bytes) -> assertThat(bytes).as("same bytes for %s", key).isEqualTo(expected.get(key)));
        assertThat(beforeCrash).hasSize(4);
        assertThat(restarted.rebuilt()).as("only the uncommitted object is written again").isEqualTo(1);
        assertThat(archivedOffsets(actual)).isEqualTo(ArchiveTopics.offsets(kafka.readAll(topic)));
    }
}
