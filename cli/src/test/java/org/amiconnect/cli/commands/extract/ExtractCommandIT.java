package org.amiconnect.cli.commands.extract;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.cli.AmiConnect;
import org.amiconnect.cli.commands.RunCommand;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.SchemaRegistries;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.records.VendorReports;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect extract --wait} and {@code amiconnect runs} against {@code amiconnect run} in the same JVM: the
 * embedded broker and registry, the Beacon 360 simulator, the extractor group, transformer and loader.
 */
class ExtractCommandIT {

    private static final int METERS = 20;

    @TempDir
    static Path dir;

    static Path config;
    static Thread pipeline;
    static final AtomicInteger pipelineExit = new AtomicInteger(-1);

    @BeforeAll
    static void startPipeline() {
        // the command starts the embedded broker of its config, as an operator's `amiconnect run` does
        config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .simulatedBeacon360("cli_utility", METERS, 5).duckdbSink("wh", dir.resolve("warehouse.duckdb"))
                .set("loader.batch-interval", "500ms").write();
        pipeline = new Thread(() -> pipelineExit.set(AmiConnect.execute("run", "-c", config.toString(),
                "--state-dir", dir.resolve("state").toString())), "amiconnect-run");
        pipeline.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> RunCommand.running() || !pipeline.isAlive());
        assertThat(pipeline.isAlive()).as("amiconnect run is up").isTrue();
    }

    @AfterAll
    static void stopPipeline() throws InterruptedException {
        RunCommand.stop();
        pipeline.join(Duration.ofSeconds(90).toMillis());
        assertThat(pipeline.isAlive()).as("amiconnect run stopped").isFalse();
        assertThat(pipelineExit.get()).isZero();
    }

    @Test
    void extractWaitFollowsTheRunToItsFinalStateAndRunsListsIt() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-01", "--end",
                "2026-06-03", "--reason", "operator re-pull", "--wait", "--timeout", "90s");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Requested manual:cli_utility:", "cli_utility [2026-06-01T07:00:00Z .. 2026-06-03T07:00:00Z)",
                "  queued on ", "  running on ");
        assertThat(r.out()).containsPattern("Run cli_utility\\.manual\\.\\S+ SUCCEEDED: 960 raw records "
                + "\\(ami\\.raw\\.beacon360\\.meter-read 960\\) in \\d+\\.\\d s");

        String runId = r.out().lines().filter(l -> l.startsWith("Run cli_utility.manual.")).findFirst().orElseThrow()
                .split(" ")[1];
        CommandRun runs = amiconnect("runs", "-c", config.toString(), "--org", "cli_utility", "--limit", "50");
        assertThat(runs.exit()).as(runs.err()).isZero();
        assertThat(runs.out()).containsPattern("SUCCEEDED\\s+cli_utility\\s+manual\\s+2026-06-01T07:00Z \\.\\. "
                + "2026-06-03T07:00Z\\s+960\\s+" + java.util.regex.Pattern.quote(runId));
    }

    @Test
    void aRejectedRequestEndsTheWaitWithItsReasonAndExitCodeOne() {
        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "cli_utility", "--start", "2026-06-03", "--end",
                "2026-06-01", "--wait", "--timeout", "90s");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("REJECTED: the range ends (2026-06-01T07:00:00Z) before it starts "
                + "(2026-06-03T07:00:00Z)");

        CommandRun rejected = amiconnect("runs", "-c", config.toString(), "--state", "rejected");
        assertThat(rejected.exit()).isZero();
        assertThat(rejected.out()).contains("REJECTED", "the range ends (2026-06-01T07:00:00Z) before it starts");
    }

    @Test
    void aHandDownloadedReportIsIngestedEndToEndWithItsAccountIdsAndAddress() throws Exception {
        Path report = Files.write(dir.resolve("Beacon_Export_2026-06-10.csv"), VendorReports.beacon360HandDownloaded());

        CommandRun r = amiconnect("extract", "-c", config.toString(), "--org", "cli_utility", "--file",
                report.toString(), "--wait", "--timeout", "90s");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Requested files:cli_utility:", "1 file(s): " + report.toAbsolutePath())
                .containsPattern("Run cli_utility\\.manual\\.\\S+ SUCCEEDED: 3 raw records");
        Map<String, GeneralMeter> meters = await().atMost(Duration.ofSeconds(60))
                .until(() -> latestMeters(Set.of("1001", "1002", "1003")), m -> m.size() == 3);
        assertThat(meters.values()).extracting(GeneralMeter::getAccountId)
                .containsExactlyInAnyOrder("555001", "555002", "555003");
        assertThat(meters.get("1002").getLocationAddress()).isEqualTo("34 Cañada Ct");
    }

    @Test
    void aPredecessorOutputFolderIsImportedOneRunPerPredecessorRun() throws Exception {
        Path output = dir.resolve("predecessor-output");
        for (String run : List.of("scheduled__2025-09-14T19:00:00+00:00", "scheduled__2025-09-15T19:00:00+00:00")) {
            Path e = Files.createDirectories(output.resolve(run).resolve("cli_utility").resolve("e"));
            Files.writeString(e.resolve("meters_and_reads.json"), "{\"Account_ID\": \"777001\", \"Endpoint_SN\": "
                    + "\"2001\", \"Read\": \"10.0\", \"Read_Time\": \"2025-09-14 10:00\", \"Read_Unit\": \"CCF\", "
                    + "\"Flow\": \"1.0\", \"Flow_Unit\": \"Gallons\", \"Location_Address_Line1\": \"9 Pine Rd\"}\n");
            // another org's outputs in the same folder are not this import's
            Files.createDirectories(output.resolve(run).resolve("other_org").resolve("e"));
            Files.writeString(output.resolve(run).resolve("other_org").resolve("e").resolve("meters_and_reads.json"), "{}\n");
        }

        CommandRun r = amiconnect("import", "predecessor", "-c", config.toString(), "--org", "cli_utility",
                output.toString(), "--wait", "--timeout", "90s");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Found 2 predecessor run(s) of cli_utility");
        assertThat(r.out().lines().filter(l -> l.matches("Run cli_utility\\.manual\\.\\S+ SUCCEEDED: 1 raw records.*")))
                .hasSize(2);
        Map<String, GeneralMeter> meters = await().atMost(Duration.ofSeconds(60))
                .until(() -> latestMeters(Set.of("2001")), m -> m.size() == 1);
        assertThat(meters.get("2001").getAccountId()).isEqualTo("777001");
        assertThat(meters.get("2001").getLocationAddress()).isEqualTo("9 Pine Rd");
    }

    /** The latest ami.meters record of each of {@code devices}. */
    private static Map<String, GeneralMeter> latestMeters(Set<String> devices) {
        AmiConnectConfig loaded = new ConfigLoader(AdapterCatalog.load(), Map.of()).load(config, Optional.empty());
        KafkaClients clients = new KafkaClients(loaded.kafka());
        Topics topics = new Topics(loaded.kafka().topicPrefix());
        Map<String, GeneralMeter> latest = new HashMap<>();
        try (SchemaRegistry registry = SchemaRegistries.open(loaded.schemaRegistry(), clients, topics);
                AvroDeserializer<GeneralMeter> values = new AvroDeserializer<>(registry, GeneralMeter.class)) {
            for (ConsumerRecord<byte[], byte[]> rec : new TopicReader(clients).readAll(topics.meters())) {
                GeneralMeter m = values.deserialize(rec.topic(), rec.value());
                if (m != null && devices.contains(m.getDeviceId())) {
                    latest.put(m.getDeviceId(), m);
                }
            }
        }
        return latest;
    }
}
