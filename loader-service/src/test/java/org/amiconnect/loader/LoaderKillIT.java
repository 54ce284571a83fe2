package org.amiconnect.loader;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a loader process (as SIGKILL would: no shutdown hooks, no rollback, no cleanup) between the writes of a batch
 * and their warehouse commit, and between the warehouse commit and the Kafka commit, against DuckDB and PostgreSQL.
 * After a restart every read is in {@code readings} exactly once: none lost, and no batch loaded twice (the per-run
 * record counts, which only ever add up, match what was published).
 */
class LoaderKillIT {

    private static final String ORG = "utility_a";
    private static final String RUN = "run-kill";
    private static final int DEVICES = 4;
    private static final int HOURS = 100;
    private static final int READS = DEVICES * HOURS;
    private static final Instant T0 = Instant.parse("2024-08-01T07:00:00Z");

    @TempDir
    Path dir;

    private AmiConnectConfig config;
    private SinkConfig sink;
    private KafkaClients clients;
    private Topics topics;
    private SchemaRegistry registry;
    private Admin admin;
    private ScratchSchema pgSchema;
    private LoaderService restarted;

    @AfterEach
    void tearDown() throws Exception {
        if (restarted != null) {
            restarted.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (pgSchema != null) {
            pgSchema.close();
        }
    }

    private void configure(String sinkType) throws Exception {
        ConfigFiles files = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), SharedBroker.uniquePrefix("kill"))
                // the killed loader stays in its consumer group until its session times out (45 s by default)
                .set("kafka.properties", Map.of("session.timeout.ms", 6000))
                .set("loader.batch-records", 100).set("loader.batch-interval", "300ms")
                .beacon360(ORG, "u", "p");
        if (sinkType.equals("duckdb")) {
            files.duckdbSink("warehouse", dir.resolve("warehouse.duckdb"), "checks-schedule", "off");
        } else {
            pgSchema = ScratchSchema.create("loader_kill");
            files.sink("warehouse", "postgresql", "url", pgSchema.url(), "checks-schedule", "off");
        }
        // the loader process reads these files too
        config = files.load();
        sink = config.sink("warehouse").orElseThrow();
        clients = new KafkaClients(config.kafka());
        topics = new Topics(config.kafka().topicPrefix());
        admin = Admin.create(clients.admin("kill-it-admin"));
        // every topic of the pipeline, as `amiconnect run` provisions them
        new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
        registry = new KafkaSchemaRegistry(clients.common("kill-it-registry"), topics.schemas(), 1);
    }

    private Warehouse warehouse() throws Exception {
        return sink.type().equals("duckdb") ? new Warehouse(sink.path()) : new Warehouse(sink.url().orElseThrow());
    }

    /** The reads of one run, as the transformer publishes them: one transaction, each stamped with the run. */
    private void publishReads() {
        List<ProducerRecord<String, GeneralMeterRead>> reads = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            for (int h = 0; h < HOURS; h++) {
                ProducerRecord<String, GeneralMeterRead> record = new ProducerRecord<>(topics.meterReads(), null,
                        System.currentTimeMillis(), RecordKeys.of(ORG, "d" + d),
                        meterRead(ORG, "d" + d, T0.plusSeconds(3600L * h), 100.0 + h));
                record.headers().add("ami.run-id", RUN.getBytes(StandardCharsets.UTF_8));
                reads.add(record);
            }
        }
        TransactionalPublisher.publish(clients, registry, reads);
    }

    /** The loader is killed, not the broker: the child process connects to this JVM's shared broker. */
    private Process startLoaderProcess(String point, int batch) throws Exception {
        Path log = dir.resolve("loader-process.log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LoaderProcess.class.getName(),
                dir.resolve("config.yaml").toString(), "warehouse", point, String.valueOf(batch))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Map<TopicPartition, Long> endOffsets() {
        return GroupOffsets.endOffsets(admin, List.of(topics.meterReads()), 3);
    }

    private Map<TopicPartition, Long> kafkaCommitted(String group) {
        return GroupOffsets.committed(admin, group);
    }

    private static long sumOfNextOffsets(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest(name = "{0}, killed {1} of batch {2}")
    @CsvSource({
        "duckdb, before-warehouse-commit, 2",
        "duckdb, before-kafka-commit, 2",
        "postgresql, before-warehouse-commit, 3",
        "postgresql, before-kafka-commit, 3"
    })
    void everyReadIsLoadedExactlyOnceAfterTheLoaderIsKilled(String sinkType, String point, int batch) throws Exception {
        configure(sinkType);
        publishReads();

        Process process = startLoaderProcess(point, batch);
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(dir.resolve("loader-process.log"));
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(LoaderProcess.KILLED);
        assertThat(output).contains("killed " + point + " of batch " + batch);

        String group = topics.prefix() + "amiconnect-loader.warehouse";
        long inWarehouse;
        try (Warehouse w = warehouse()) {
            inWarehouse = w.count("SELECT count(*) FROM readings");
            // batches before the killed one are committed (100 records each); the killed one is or is not, entirely
            int committedBatches = point.equals("before-warehouse-commit") ? batch - 1 : batch;
            assertThat(inWarehouse).isEqualTo(100L * committedBatches);
            assertThat(w.count("SELECT sum(next_offset) FROM ami_consumer_offsets")).isEqualTo(inWarehouse);
        }
        // Kafka has the offsets of the batches before the killed one only: it is behind the warehouse when the kill
        // came after the warehouse commit
        long inKafka = sumOfNextOffsets(kafkaCommitted(group));
        assertThat(inKafka).isEqualTo(100L * (batch - 1));

        restarted = new LoaderService(config, sink, clients, topics, registry, List.of(BEACON_READS));
        restarted.start();
        try (Warehouse w = warehouse()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> w.count("SELECT count(*) FROM readings") == READS);
            // the restarted loader read only what the warehouse did not have: nothing twice, nothing skipped; its
            // statistics are counted just after the warehouse commit, so they are waited for
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(restarted.stats().readingsUpserted()).isEqualTo(READS - inWarehouse));
            assertThat(w.count("SELECT count(*) FROM (SELECT DISTINCT org_id, device_id, flowtime FROM readings) d"))
                    .isEqualTo(READS);
            assertThat(w.count("SELECT sum(records) FROM ami_run_loads WHERE run_id = '" + RUN + "'")).isEqualTo(READS);
            assertThat(w.count("SELECT count(*) FROM readings WHERE register_value <> 100.0 + "
                    + "CAST(EXTRACT(EPOCH FROM flowtime) - " + T0.getEpochSecond() + " AS BIGINT) / 3600")).isZero();
        }
        Map<TopicPartition, Long> ends = endOffsets();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Warehouse w = warehouse()) {
                assertThat(w.count("SELECT sum(next_offset) FROM ami_consumer_offsets"))
                        .isEqualTo(sumOfNextOffsets(ends));
            }
            assertThat(kafkaCommitted(group)).isEqualTo(ends);
        });
    }
}
