package org.amiconnect.cli.commands.archive;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.archiver.Archiver;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect replay offsets|archive} and {@code archive ls} against the embedded broker of a config.yaml, with
 * the real loader (DuckDB) and the real archiver (local folder).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayCommandsIT {

    private static final String ORG = "utility_a";
    private static final Instant T0 = Instant.parse("2025-03-09T20:00:00Z");
    private static final Instant INSTALLED = Instant.parse("2020-03-04T05:06:07Z");

    @TempDir
    static Path dir;

    private static Path configFile;
    private static AmiConnectConfig config;
    @AutoClose
    private static EmbeddedKafkaBroker broker;
    private static KafkaClients clients;
    private static Topics topics;
    @AutoClose
    private static SchemaRegistry registry;
    private static List<RawEntity> rawEntities;

    @BeforeAll
    static void startCluster() throws Exception {
        configFile = ConfigFiles.in(dir).embeddedKafka().set("kafka.topic-prefix", "it.").set("kafka.partitions", 3)
                .localArchive().set("archive.idle-flush", "300ms").set("archive.rotate-records", 100)
                .set("loader.batch-interval", "300ms").beacon360(ORG, "u", "p")
                .duckdbSink("wh", dir.resolve("warehouse.duckdb")).write();
        AdapterCatalog adapters = AdapterCatalog.load();
        config = new ConfigLoader(adapters, Map.of()).load(configFile, Optional.empty());
        // as `amiconnect run` does: this process hosts the embedded broker of the config, which the last test stops
        // to see the command start it itself (so not the shared broker of the test kit)
        // records of 2025 on topics of default retention: kept, or the broker's first retention check deletes them
        broker = EmbeddedKafkaBroker.start(config.kafka().embeddedDataDir(), config.kafka().embeddedPort(),
                config.kafka().embeddedControllerPort(), Map.of("log.retention.ms", "-1"));
        clients = new KafkaClients(config.kafka());
        topics = new Topics(config.kafka().topicPrefix());
        try (Admin admin = Admin.create(clients.admin("it-setup"))) {
            new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, adapters));
        }
        registry = new KafkaSchemaRegistry(clients.common("it-registry"), topics.schemas(), 1);
        rawEntities = PipelineTopics.rawEntities(config, adapters);
    }

    @Test
    @Order(1)
    void aLoaderGroupResetToADatetimeReloadsFromThereAndTheWarehouseIsUnchanged() throws Exception {
        List<ProducerRecord<String, SpecificRecord>> reads = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String device = "dev-" + (i % 12);
            GeneralMeterRead read = new GeneralMeterRead(ORG, device, "acct-" + device, "loc-" + device,
                    Instant.parse("2025-03-08T00:00:00Z").plus(Duration.ofHours(i / 12)), 100.0 + i, "CF", 0.5, "CF",
                    "good", INSTALLED, 0, "marginal", null);
            reads.add(new ProducerRecord<>(topics.meterReads(), null, T0.plus(Duration.ofMinutes(i)).toEpochMilli(),
                    RecordKeys.of(ORG, device), read));
        }
        publish(reads);
        String group = topics.prefix() + "amiconnect-loader.wh";
        runLoaderUntilCaughtUp(group);
        List<Map<String, Object>> before = rows("SELECT * FROM readings ORDER BY org_id, device_id, flowtime");
        Map<String, Long> storedBefore = storedOffsets(group);
        String at = T0.plus(Duration.ofMinutes(60)).toString();

        CommandRun dry = amiconnect("replay", "offsets", "-c", configFile.toString(), "--group", group,
                "--to-datetime", at);

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Reset of consumer group " + group + " --to-datetime " + at,
                "the loader's offsets stored in duckdb " + config.sink("wh").orElseThrow().path(), "WAREHOUSE", topics.meterReads(),
                "Nothing was changed. Run again with --execute to apply.");
        assertThat(storedOffsets(group)).as("a dry run changes nothing").isEqualTo(storedBefore);

        CommandRun done = amiconnect("replay", "offsets", "-c", configFile.toString(), "--group", group,
                "--to-datetime", at, "--execute");

        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("Offsets of " + group + " reset, in Kafka and in the warehouse.");
        Map<String, Long> storedAfter = storedOffsets(group);
        assertThat(storedAfter).containsOnlyKeys(storedBefore.keySet());
        long rewound = storedBefore.entrySet().stream().mapToLong(e -> e.getValue() - storedAfter.get(e.getKey())).sum();
        assertThat(rewound).as("60 records after the time, plus the commit markers among them").isBetween(60L, 66L);

        long reloaded = runLoaderUntilCaughtUp(group);

        assertThat(reloaded).as("the loader read the records after the time again").isEqualTo(60);
        assertThat(rows("SELECT * FROM readings ORDER BY org_id, device_id, flowtime"))
                .as("loading them again changed nothing").isEqualTo(before).hasSize(120);
    }

    @Test
    @Order(2)
    void aDeletedRawTopicIsRestoredFromTheArchiveToTheSamePartitionsInTheSameOrder() throws Exception {
        String raw = topics.raw(Beacon360Adapter.METER_READ);
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        for (int row = 0; row < 300; row++) {
            String endpoint = "ep-" + (row % 30);
            records.add(new ProducerRecord<>(raw, null, T0.plus(Duration.ofMinutes(row)).toEpochMilli(),
                    RecordKeys.of(ORG, endpoint), beaconRead(endpoint, row)));
        }
        publish(records);
        Map<Integer, List<String>> original = contents(raw);
        try (Archiver archiver = new Archiver(config, clients, topics, registry, rawEntities)) {
            archiver.start();
            GroupOffsets.awaitCaughtUp(clients, archiver.consumerGroup(), List.of(raw), Duration.ofSeconds(30));
        }
        CommandRun ls = amiconnect("archive", "ls", "-c", configFile.toString(), "--topic", raw);
        deleteTopic(raw);

        CommandRun dry = amiconnect("replay", "archive", "-c", configFile.toString(), "--topic", raw);
        CommandRun done = amiconnect("replay", "archive", "-c", configFile.toString(), "--topic", raw, "--execute");

        assertThat(ls.exit()).as(ls.err()).isZero();
        assertThat(ls.out()).contains(raw + "/date=2025-03-09/" + raw + "+0+00000000000000000000+"); // + topic incarnation
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("(does not exist; will be created)",
                "Nothing was published. Run again with --execute to publish 300 records to " + raw);
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("Published 300 records to " + raw);
        assertThat(done.err()).contains("100%");
        assertThat(contents(raw)).isEqualTo(original);
    }

    @Test
    @Order(3)
    void withThePipelineStoppedTheCommandStartsTheEmbeddedBrokerItself() {
        broker.close();
        broker = null;
        String group = topics.prefix() + "amiconnect-loader.wh";

        CommandRun r = amiconnect("replay", "offsets", "-c", configFile.toString(), "--group", group,
                "--to-earliest");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("starting the embedded broker on " + config.kafka().embeddedDataDir());
        assertThat(r.out()).contains(topics.meterReads(), "Nothing was changed");
    }

    private static Beacon360MeterRead beaconRead(String endpoint, long row) {
        return Beacon360MeterRead.newBuilder().setEndpointSN(endpoint).setRead(String.valueOf(1000 + row))
                .setReadTime("2025-03-08 0" + (row % 10) + ":00:00")
                .setExtract(ExtractMetadata.newBuilder().setOrgId(ORG).setRunId("run-" + row / 100)
                        .setExtractedAt(T0).setSource("report.csv").setSourceRecord(row).build())
                .build();
    }

    /** Publishes in transactions of 50 records, as the extractor and the transformer do. */
    private static void publish(List<ProducerRecord<String, SpecificRecord>> records) {
        TransactionalPublisher.publish(clients, registry, records, 50);
    }

    /** Runs a loader until its group has committed everything; returns the readings it upserted. */
    private static long runLoaderUntilCaughtUp(String group) {
        LoaderService loader = new LoaderService(config, config.sink("wh").orElseThrow(), clients, topics, registry,
                rawEntities);
        try (ConsumerGroupLag lag = new ConsumerGroupLag(clients)) {
            loader.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> loader.stats().batches() > 0 && lag.caughtUp(group, List.of(topics.meterReads())));
        } finally {
            loader.close();
        }
        return loader.stats().readingsUpserted();
    }

    private static List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + config.sink("wh").orElseThrow().path());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), String.valueOf(rs.getObject(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, Long> storedOffsets(String group) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT topic, kafka_partition, next_offset FROM ami_consumer_offsets "
                + "WHERE consumer_group = '" + group + "'")) {
            out.put(row.get("topic") + "-" + row.get("kafka_partition"), Long.parseLong((String) row.get("next_offset")));
        }
        return out;
    }

    private static void deleteTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
        }
    }

    /**
     * Every committed record of a topic by partition, as key, value, headers and timestamp, in offset order; a
     * replayed record as it was archived (its timestamp from the header the replay adds, without that header).
     */
    private static Map<Integer, List<String>> contents(String topic) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : new TopicReader(clients).readAll(topic)) {
            List<String> headers = new ArrayList<>();
            r.headers().forEach(h -> headers.add(h.key()));
            headers.remove(OriginalTimestamp.HEADER);
            long timestamp = OriginalTimestamp.of(r.headers(), r.timestamp());
            out.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(new String(r.key(), StandardCharsets.UTF_8)
                    + " " + Base64.getEncoder().encodeToString(r.value()) + " " + headers + " " + timestamp);
        }
        return out;
    }
}
