package org.amiconnect.cli;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.amiconnect.cli.runtime.RunOnceExit;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.SchemaRegistries;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.config.FreePorts;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --once} exits 0 only when everything extracted was loaded and archived without dead letters; each other
 * outcome has its own documented code (README: exit codes), and the summary says what went wrong.
 */
class RunOnceExitCodesIT {

    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");

    @TempDir
    Path dir;

    private ConfigFiles base(String name) {
        return ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), SharedBroker.uniquePrefix(name))
                .embeddedRegistry().localArchive().duckdbSink("wh", dir.resolve("warehouse.duckdb"))
                .set("loader.batch-interval", "300ms").set("extractor.max-attempts", 1);
    }

    private CommandRun runOnce(Path config) {
        return amiconnect("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "3m",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());
    }

    @Test
    void aFailedExtractRunExitsWith3() {
        Path config = base("exitfailed").beacon360("down_utility", "u", "p", "api_url",
                "http://127.0.0.1:" + FreePorts.next(), "max_retries", 1, "retry_backoff", "10ms",
                "sinks", List.of("wh")).write();

        CommandRun r = runOnce(config);

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(RunOnceExit.EXTRACT_FAILED.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAILED", "extract runs        0 succeeded, 1 failed",
                "Problem (exit 3): an extract run failed", "Exit 3:");
    }

    @Test
    void notEverythingLoadedWithinTheTimeoutExitsWith4() {
        Path config = base("exitslow").simulatedBeacon360("slow_utility", 5, 6).write();

        CommandRun r = amiconnect("run", "--once", "--as-of", AS_OF.toString(), "--timeout", "0s",
                "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(RunOnceExit.NOT_LOADED.code()).isEqualTo(4);
        assertThat(r.out()).contains("Timed out after 0 s", "Problem (exit 4): not everything extracted was "
                + "normalized and loaded");
    }

    @Test
    void anArchiveThatCannotStoreExitsWith5AfterEverythingWasLoaded() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the archive's folder should be");
        Path config = base("exitarchive").simulatedBeacon360("arch_utility", 5, 3)
                .set("archive.path", blocker.resolve("archive")).set("archive.idle-flush", "200ms").write();

        CommandRun r = runOnce(config);

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(RunOnceExit.ARCHIVE_FAILED.code()).isEqualTo(5);
        assertThat(r.out()).contains("readings loaded     240", "Problem (exit 5): the archive does not hold every "
                + "extracted record").doesNotContain("Problem (exit 4)");
    }

    @Test
    void deadLettersExitWith6() throws Exception {
        String prefix = SharedBroker.uniquePrefix("exitdlq");
        ConfigFiles files = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), prefix).embeddedRegistry()
                .localArchive().duckdbSink("wh", dir.resolve("warehouse.duckdb"))
                .set("loader.batch-interval", "300ms").simulatedBeacon360("dl_utility", 5, 5);
        AmiConnectConfig loaded = files.load();
        Topics topics = new Topics(prefix);
        KafkaClients clients = SharedBroker.clients(prefix);
        String raw = topics.raw("beacon360", "meter-read");
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            admin.createTopics(List.of(new NewTopic(raw, 3, (short) 1))).all().get();
        }
        // a row whose register unit is no unit: it must become a dead letter, and the run must say so
        Beacon360MeterRead bad = Beacon360MeterRead.newBuilder(
                TestRecords.beaconRead("dl_utility", "ep-bad", "2026-06-10 01:00", "12.5", 1)).setReadUnit("BOGUS").build();
        try (SchemaRegistry registry = SchemaRegistries.open(loaded.schemaRegistry(), clients, topics)) {
            TransactionalPublisher.publish(clients, registry, List.of(new ProducerRecord<>(raw, "dl_utility|ep-bad", bad)));
        }

        CommandRun r = runOnce(files.write());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(RunOnceExit.DEAD_LETTERS.code()).isEqualTo(6);
        assertThat(r.out()).contains("dead-lettered       1", "Problem (exit 6): records were dead-lettered",
                "readings loaded     240");
    }

    @Test
    void aSuccessfulRunExits0AndItsSummaryShowsThisRunAndTheArchiveInAll() {
        Path config = base("exitok").simulatedBeacon360("ok_utility", 5, 4).write();

        CommandRun first = runOnce(config);
        CommandRun second = runOnce(config);

        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("readings loaded     240", "Exit 0:")
                .containsPattern("Archive \\(.*\\): 240 raw records in \\d+ objects this run; 240 in \\d+ objects in all");
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        // the same window again: the archive keeps both extracts' raw records
        assertThat(second.out())
                .containsPattern("Archive \\(.*\\): 240 raw records in \\d+ objects this run; 480 in \\d+ objects in all");
    }
}
