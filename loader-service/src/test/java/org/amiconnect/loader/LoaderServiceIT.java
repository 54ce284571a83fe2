package org.amiconnect.loader;

import static org.amiconnect.testsupport.records.TestRecords.BEACON_READS;
import static org.amiconnect.testsupport.records.TestRecords.beaconRead;
import static org.amiconnect.testsupport.records.TestRecords.meter;
import static org.amiconnect.testsupport.records.TestRecords.meterRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.events.LoadFinished;
import org.amiconnect.loader.sink.DuckDbDialect;
import org.amiconnect.loader.sink.RawTable;
import org.amiconnect.loader.sink.Warehouse;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.StockKafkaTools;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderServiceIT {

    private static final String ORG = "utility_a";
    private static final String OTHER_SINKS_ORG = "utility_b";
    private static final Instant T0 = Instant.parse("2024-08-01T07:59:00Z");

    @TempDir
    Path dir;

    private String prefix;
    private AmiConnectConfig config;
    private SinkConfig sink;
    private KafkaClients clients;
    private Topics topics;
    private final SchemaRegistry registry = new InMemorySchemaRegistry();
    private final List<RawEntity> rawEntities = List.of(BEACON_READS);
    private final List<LoaderService> loaders = new ArrayList<>();
    private Warehouse warehouse;
    private Admin admin;

    @BeforeEach
    void setUp() throws Exception {
        // each test has its own topics and consumer group
        prefix = SharedBroker.uniquePrefix("it");
        useConfig(500);
        clients = new KafkaClients(config.kafka());
        topics = new Topics(config.kafka().topicPrefix());
        admin = Admin.create(clients.admin("loader-it-admin"));
        // every topic of the pipeline, as `amiconnect run` provisions them
        new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
    }

    private void useConfig(int batchRecords) {
        config = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), prefix)
                .set("loader.batch-records", batchRecords).set("loader.batch-interval", "300ms")
                .duckdbSink("warehouse", dir.resolve("warehouse/ami.duckdb"))
                .duckdbSink("elsewhere", dir.resolve("elsewhere.duckdb"))
                .beacon360(ORG, "u", "p", "sinks", List.of("warehouse"))
                .beacon360(OTHER_SINKS_ORG, "u", "p", "sinks", List.of("elsewhere"))
                .load();
        sink = config.sink("warehouse").orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        loaders.forEach(LoaderService::close);
        if (warehouse != null) {
            warehouse.close();
        }
        admin.close();
    }

    private LoaderService startLoader(Runnable afterWarehouseCommit) throws Exception {
        LoaderService loader = new LoaderService(config, sink, clients, topics, registry, rawEntities);
        if (afterWarehouseCommit != null) {
            loader.afterWarehouseCommit(afterWarehouseCommit);
        }
        loaders.add(loader);
        loader.start();
        if (warehouse == null) {
            warehouse = new Warehouse(sink.path());
        }
        return loader;
    }

    /** Publishes records in one transaction, as the extractor and the transformer do. */
    private void publish(List<ProducerRecord<String, IndexedRecord>> records) {
        TransactionalPublisher.publish(clients, registry, records);
    }

    private void publishBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer("loader-it-raw"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    private ProducerRecord<String, IndexedRecord> readRecord(GeneralMeterRead r) {
        return new ProducerRecord<>(topics.meterReads(), null, System.currentTimeMillis(),
                RecordKeys.of(r.getOrgId(), r.getDeviceId()), r);
    }

    private ProducerRecord<String, IndexedRecord> meterRecord(String org, String device, String address, Instant ts) {
        return new ProducerRecord<>(topics.meters(), null, ts.toEpochMilli(), RecordKeys.of(org, device),
                meter(org, device, address));
    }

    private ProducerRecord<String, IndexedRecord> rawRecord(String org, String endpoint, String readTime, String value) {
        return new ProducerRecord<>(topics.raw(BEACON_READS), null, System.currentTimeMillis(),
                RecordKeys.of(org, endpoint), beaconRead(org, endpoint, readTime, value, 1));
    }

    private static List<GeneralMeterRead> hourlyReads(String org, String device, int hours) {
        List<GeneralMeterRead> reads = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            reads.add(meterRead(org, device, T0.plusSeconds(3600L * h), 100.0 + h));
        }
        return reads;
    }

    private long readings() throws Exception {
        return warehouse.count("SELECT count(*) FROM readings");
    }

    private Map<TopicPartition, Long> endOffsets() {
        return GroupOffsets.endOffsets(admin, List.of(topics.meters(), topics.meterReads(), topics.raw(BEACON_READS)), 3);
    }

    private Map<TopicPartition, Long> kafkaCommitted(String group) {
        return GroupOffsets.committed(admin, group);
    }

    /** Waits until the warehouse and Kafka both hold the end offsets as the loader's consumed offsets. */
    private void awaitOffsetsAtTheEnd(LoaderService loader) {
        Map<TopicPartition, Long> ends = endOffsets();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(warehouseOffsets(loader.consumerGroup())).isEqualTo(ends);
            assertThat(kafkaCommitted(loader.consumerGroup())).isEqualTo(ends);
        });
    }

    private Map<TopicPartition, Long> warehouseOffsets(String group) throws Exception {
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (Map<String, Object> row : warehouse.rows("SELECT topic, kafka_partition, next_offset FROM"
                + " ami_consumer_offsets WHERE consumer_group = '" + group + "'")) {
            stored.put(new TopicPartition((String) row.get("topic"), (Integer) row.get("kafka_partition")),
                    (Long) row.get("next_offset"));
        }
        return stored;
    }

    @Test
    void loadsReadingsMetersAndRawRowsOfItsOrgs() throws Exception {
        GeneralMeterRead micro = meterRead(ORG, "d2", Instant.parse("2024-08-01T08:00:00.123456Z"), 7.25);
        micro.setBattery(null);
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        hourlyReads(ORG, "d1", 3).forEach(r -> records.add(readRecord(r)));
        records.add(readRecord(micro));
        records.add(readRecord(meterRead(OTHER_SINKS_ORG, "x1", T0, 1.0)));
        records.add(meterRecord(ORG, "d1", "5391 E. MYSTREET", Instant.parse("2024-08-02T12:00:00Z")));
        records.add(meterRecord(OTHER_SINKS_ORG, "x1", "ELSEWHERE", Instant.parse("2024-08-02T12:00:00Z")));
        records.add(rawRecord(ORG, "130615549", "2024-08-01 00:59", "227.6"));
        publish(records);
        publishBytes(topics.meterReads(), RecordKeys.of(ORG, "bad"), new byte[] {0, 0, 0, 0, 1, 2, 3});

        LoaderService loader = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.stats().recordsConsumed() == records.size() + 1);

        assertThat(loader.isHealthy()).isTrue();
        assertThat(loader.stats().recordsSkipped()).isEqualTo(3);
        assertThat(loader.stats().recordsUndecodable()).isEqualTo(1);
        assertThat(loader.stats().readingsUpserted()).isEqualTo(4);
        assertThat(loader.stats().metersInserted()).isEqualTo(1);
        assertThat(loader.stats().rawRowsUpserted("beacon_360_base")).isEqualTo(1);

        assertThat(warehouse.rows("SELECT device_id, epoch_us(flowtime) AS us, register_value, battery"
                + " FROM readings ORDER BY device_id, flowtime")).extracting(LoaderServiceIT::values)
                .containsExactly(
                        row("d1", 1_722_499_140_000_000L, 100.0, "good"),
                        row("d1", 1_722_502_740_000_000L, 101.0, "good"),
                        row("d1", 1_722_506_340_000_000L, 102.0, "good"),
                        row("d2", 1_722_499_200_123_456L, 7.25, null));
        assertThat(warehouse.count("SELECT count(*) FROM readings WHERE org_id <> '" + ORG + "'")).isZero();
        List<Map<String, Object>> meters = warehouse.rows("SELECT * FROM meters");
        assertThat(meters).hasSize(1);
        assertThat(meters.get(0)).containsEntry("org_id", ORG).containsEntry("device_id", "d1")
                .containsEntry("location_address", "5391 E. MYSTREET")
                .containsEntry("row_active_from", OffsetDateTime.parse("2024-08-02T12:00:00Z"))
                .containsEntry("row_active_until", null);
        assertThat(warehouse.rows("SELECT org_id, device_id, read_time, \"read\", read_unit, run_id FROM beacon_360_base"))
                .containsExactly(Map.of("org_id", ORG, "device_id", "130615549", "read_time", "2024-08-01 00:59",
                        "read", "227.6", "read_unit", "CCF", "run_id", "run-1"));

        // every record, skipped ones included, is consumed: the warehouse and Kafka both hold the end offsets
        awaitOffsetsAtTheEnd(loader);
    }

    @Test
    void resumesFromTheWarehouseOffsetsAfterARestart() throws Exception {
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        hourlyReads(ORG, "d1", 24).forEach(r -> records.add(readRecord(r)));
        records.add(meterRecord(ORG, "d1", "1 MAIN ST", T0));
        records.add(rawRecord(ORG, "130615549", "2024-08-01 00:59", "227.6"));
        publish(records);
        LoaderService first = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().recordsConsumed() == records.size());
        first.close();
        Map<TopicPartition, Long> storedBeforeRestart = warehouseOffsets(first.consumerGroup());

        LoaderService second = startLoader(null);
        Instant moved = T0.plusSeconds(86_400);
        publish(List.of(readRecord(meterRead(ORG, "d1", T0.plusSeconds(3600L * 24), 500.0)),
                meterRecord(ORG, "d1", "9 ELM ST", moved)));
        await().atMost(Duration.ofSeconds(60)).until(() -> second.stats().recordsConsumed() == 2);

        // only the new records were loaded: the restart resumed where the warehouse stopped
        assertThat(second.stats().readingsUpserted()).isEqualTo(1);
        assertThat(second.stats().rawRowsUpserted()).isEmpty();
        assertThat(second.stats().metersClosed()).isEqualTo(1);
        assertThat(second.stats().metersInserted()).isEqualTo(1);
        assertThat(readings()).isEqualTo(25);
        assertThat(warehouse.count("SELECT count(DISTINCT (device_id, flowtime)) FROM readings")).isEqualTo(25);
        assertThat(warehouse.count("SELECT count(*) FROM beacon_360_base")).isEqualTo(1);
        assertThat(warehouse.rows("SELECT location_address, row_active_from, row_active_until FROM meters"
                + " ORDER BY row_active_from")).extracting(LoaderServiceIT::values).containsExactly(
                        row("1 MAIN ST", OffsetDateTime.ofInstant(T0, ZoneOffset.UTC),
                                OffsetDateTime.ofInstant(moved, ZoneOffset.UTC)),
                        row("9 ELM ST", OffsetDateTime.ofInstant(moved, ZoneOffset.UTC), null));
        assertThat(warehouseOffsets(second.consumerGroup())).isNotEqualTo(storedBeforeRestart)
                .isEqualTo(endOffsets());
    }

    @Test
    void honoursAResetMadeWithKafkasOwnConsumerGroupsToolWhileTheLoaderWasStopped() throws Exception {
        List<ProducerRecord<String, IndexedRecord>> first = new ArrayList<>();
        hourlyReads(ORG, "d1", 24).forEach(r -> first.add(readRecord(r)));
        publish(first);
        LoaderService before = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> before.stats().recordsConsumed() == first.size());
        before.close();
        // published while the loader is stopped, then skipped by the operator with the stock tool
        List<ProducerRecord<String, IndexedRecord>> skipped = new ArrayList<>();
        for (int h = 24; h < 34; h++) {
            skipped.add(readRecord(meterRead(ORG, "d1", T0.plusSeconds(3600L * h), 100.0 + h)));
        }
        publish(skipped);

        StockKafkaTools.consumerGroups("--bootstrap-server", SharedBroker.bootstrapServers(), "--group",
                before.consumerGroup(), "--reset-offsets", "--to-latest", "--topic", topics.meterReads(), "--execute");

        LoaderService after = startLoader(null);
        GeneralMeterRead late = meterRead(ORG, "d1", T0.plusSeconds(3600L * 40), 140.0);
        publish(List.of(readRecord(late)));
        await().atMost(Duration.ofSeconds(60)).until(() -> after.stats().recordsConsumed() >= 1
                && warehouse.count("SELECT count(*) FROM readings WHERE register_value = 140.0") == 1);
        // the ten skipped reads stay skipped; the reset is now the warehouse's offset too, so it holds on restart
        assertThat(readings()).isEqualTo(25);
        assertThat(after.stats().readingsUpserted()).isEqualTo(1);
        Map<TopicPartition, Long> ends = endOffsets();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(warehouseOffsets(after.consumerGroup())).isEqualTo(ends);
            // the tool also committed 0 for the empty partitions, which the loader has no reason to touch
            assertThat(kafkaCommitted(after.consumerGroup())).containsAllEntriesOf(ends);
        });
    }

    @Test
    void readsATopicCreatedAgainFromItsBeginningAlthoughTheWarehouseHoldsOffsetsOfTheOldOne() throws Exception {
        List<ProducerRecord<String, IndexedRecord>> old = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            old.add(readRecord(meterRead(ORG, "d" + (i % 10), T0.plusSeconds(3600L * (i / 10)), 100.0 + i)));
        }
        publish(old);
        LoaderService first = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 30);
        awaitOffsetsAtTheEnd(first);
        first.close();
        assertThat(warehouse.count("SELECT count(*) FROM ami_consumer_offsets WHERE topic_id IS NULL")).isZero();

        // the broker's data is gone: the topics are created again, and 60 new reads arrive while the loader is down
        recreateTopics();
        List<ProducerRecord<String, IndexedRecord>> fresh = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fresh.add(readRecord(meterRead(ORG, "d" + (i % 10), T0.plusSeconds(86_400 + 3600L * (i / 10)), 200.0 + i)));
        }
        publish(fresh);
        LoaderService second = startLoader(null);

        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 90);
        // statistics are counted just after the warehouse commit
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(second.stats().readingsUpserted()).as("60 of 60 new reads loaded").isEqualTo(60));
        awaitOffsetsAtTheEnd(second);
    }

    /** Deletes the pipeline's topics and creates them again: same names, new topic ids, offsets from 0. */
    private void recreateTopics() throws Exception {
        List<String> names = List.of(topics.meters(), topics.meterReads(), topics.raw(BEACON_READS));
        admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
                return admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(names);
            } catch (RuntimeException e) {
                return false; // deletion still in progress
            }
        });
    }

    @Test
    void aCrashBetweenTheWarehouseAndTheKafkaCommitNeitherLosesNorRepeatsReads() throws Exception {
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        for (String device : List.of("d1", "d2", "d3", "d4")) {
            hourlyReads(ORG, device, 24).forEach(r -> records.add(readRecord(r)));
        }
        publish(records);

        LoaderService crashing = startLoader(() -> {
            throw new SimulatedCrash();
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> !crashing.isHealthy() && crashing.stats().batches() == 1);
        long loadedBeforeCrash = crashing.stats().readingsUpserted();
        assertThat(loadedBeforeCrash).isPositive();
        assertThat(readings()).isEqualTo(loadedBeforeCrash);
        assertThat(kafkaCommitted(crashing.consumerGroup())).as("Kafka never got the offsets").isEmpty();
        assertThat(warehouseOffsets(crashing.consumerGroup())).isNotEmpty();
        crashing.close();

        LoaderService restarted = startLoader(null);
        publish(List.of(readRecord(meterRead(ORG, "d9", T0, 1.0))));
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == records.size() + 1);

        // the restarted loader read only what the warehouse did not have yet (its statistics follow the commit)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(restarted.stats().readingsUpserted())
                .isEqualTo(records.size() + 1 - loadedBeforeCrash));
        assertThat(warehouse.count("SELECT count(DISTINCT (device_id, flowtime)) FROM readings"))
                .isEqualTo(records.size() + 1);
        awaitOffsetsAtTheEnd(restarted);
    }

    @Test
    void retriesAFailedBatchFromTheWarehouseOffsetsWithoutLosingRecords() throws Exception {
        publish(List.of(readRecord(meterRead(ORG, "d1", T0, 1.0))));
        LoaderService loader = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 1);
        warehouse.execute("DROP TABLE beacon_360_base");

        publish(List.of(readRecord(meterRead(ORG, "d1", T0.plusSeconds(3600), 2.0)),
                rawRecord(ORG, "130615549", "2024-08-01 00:59", "227.6")));
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.stats().failedBatches() > 0);
        assertThat(loader.isHealthy()).isFalse();
        assertThat(loader.stats().lastError()).hasValueSatisfying(e -> assertThat(e).contains("beacon_360_base"));
        assertThat(readings()).as("the failed batch left nothing behind").isEqualTo(1);

        for (String sql : new DuckDbDialect().createTable(RawTable.of(BEACON_READS).definition())) {
            warehouse.execute(sql);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 2 && loader.isHealthy());
        assertThat(warehouse.count("SELECT count(*) FROM beacon_360_base")).isEqualTo(1);
        assertThat(warehouseOffsets(loader.consumerGroup())).isEqualTo(endOffsets());
    }

    @Test
    void aFullBatchThatFailsWhileTheNextIsAssembledIsReadAgainWithTheNextOne() throws Exception {
        useConfig(5);
        publish(List.of(readRecord(meterRead(ORG, "d0", T0, 1.0))));
        LoaderService loader = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 1);
        warehouse.execute("DROP TABLE beacon_360_base");

        // full batches of 5: the one holding the raw record fails on the writer thread while later ones are assembled
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        hourlyReads(ORG, "d1", 12).forEach(r -> records.add(readRecord(r)));
        records.add(rawRecord(ORG, "130615549", "2024-08-01 00:59", "227.6"));
        hourlyReads(ORG, "d2", 12).forEach(r -> records.add(readRecord(r)));
        publish(records);
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.stats().failedBatches() > 0);

        for (String sql : new DuckDbDialect().createTable(RawTable.of(BEACON_READS).definition())) {
            warehouse.execute(sql);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 25 && loader.isHealthy());
        assertThat(warehouse.count("SELECT count(*) FROM beacon_360_base")).isEqualTo(1);
        awaitOffsetsAtTheEnd(loader);
    }

    @Test
    void splitsFullBatchesAndStillStoresOffsetsPastTheTransactionMarkers() throws Exception {
        useConfig(7);
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            records.clear();
            hourlyReads(ORG, "d" + run, 14).forEach(r -> records.add(readRecord(r)));
            publish(records);
        }
        LoaderService loader = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> readings() == 42);

        // the stats count a batch once the loader has taken its result, which may be just after the commit is visible
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(loader.stats().batches()).isGreaterThanOrEqualTo(6));
        // three transactions: every partition they wrote ends with a commit marker that the offsets step over
        awaitOffsetsAtTheEnd(loader);
    }

    /** Stamps the run headers the extractor puts on raw records (and the transformer carries over). */
    private static ProducerRecord<String, IndexedRecord> ofRun(ProducerRecord<String, IndexedRecord> r, String runId,
            String org) {
        ProducerRecord<String, IndexedRecord> stamped = new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(),
                r.value());
        stamped.headers().add("ami.run-id", runId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stamped.headers().add("ami.org-id", org.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return stamped;
    }

    private static ExtractRun runState(String runId, String org, ExtractRunState state, Map<String, Long> published) {
        Instant now = Instant.now();
        return ExtractRun.newBuilder().setRunId(runId).setOrgId(org).setSourceType("beacon_360")
                .setExtractName("standard").setState(state)
                .setRangeStart(Instant.parse("2024-08-01T00:00:00Z")).setRangeEnd(Instant.parse("2024-08-03T00:00:00Z"))
                .setRecordsPublished(published).setCreatedAt(now).setUpdatedAt(now).build();
    }

    /** An extract run as the extractor publishes it: raw records and the final run state in one transaction. */
    private void publishRun(String runId, String org, ExtractRunState state, int rawRecords, long claimed) {
        List<ProducerRecord<String, IndexedRecord>> records = new ArrayList<>();
        for (int i = 0; i < rawRecords; i++) {
            records.add(ofRun(rawRecord(org, "ep-" + runId + "-" + i, "2024-08-01 0" + i + ":59", "1." + i), runId, org));
        }
        records.add(new ProducerRecord<>(topics.extractRuns(), null, System.currentTimeMillis(), runId,
                runState(runId, org, state, Map.of(topics.raw(BEACON_READS), claimed))));
        publish(records);
    }

    /**
     * What the transformer does with exactly-once processing: the normalized records and its consumed raw offsets
     * (up to the current end) in one transaction.
     */
    private void transform(List<ProducerRecord<String, IndexedRecord>> normalized) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            request.put(new TopicPartition(topics.raw(BEACON_READS), p), OffsetSpec.latest());
        }
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> consumed.put(tp, new OffsetAndMetadata(info.offset())));
        AvroSerializer<IndexedRecord> values = new AvroSerializer<>(registry);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                clients.transactionalProducer("transformer-it", "transformer-it-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (ProducerRecord<String, IndexedRecord> r : normalized) {
                ProducerRecord<String, byte[]> out = new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(),
                        values.serialize(r.topic(), r.value()), r.headers());
                producer.send(out);
            }
            producer.sendOffsetsToTransaction(consumed, new ConsumerGroupMetadata(
                    org.amiconnect.loader.events.LoadEventTracker.transformerGroup(topics)));
            producer.commitTransaction();
        }
    }

    private List<LoadFinished> loadEvents(Duration wait, int expected) {
        AvroDeserializer<LoadFinished> events = new AvroDeserializer<>(registry, LoadFinished.class);
        List<LoadFinished> seen = new ArrayList<>();
        Map<String, Object> props = clients.consumer("load-events-it", null);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(topics.loadEvents(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < until && seen.size() <= expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    LoadFinished event = events.deserialize(r.topic(), r.value());
                    assertThat(r.key()).isEqualTo(event.getRunId());
                    seen.add(event);
                }
                if (seen.size() == expected && expected > 0) {
                    // a little longer, to see a duplicate if there were one
                    until = Math.min(until, System.nanoTime() + Duration.ofSeconds(2).toNanos());
                }
            }
        }
        return seen;
    }

    @Test
    void publishesALoadEventOnceARunsRawAndNormalizedRecordsAreAllLoaded() throws Exception {
        publishRun("run-a", ORG, ExtractRunState.SUCCEEDED, 2, 2);
        // not loaded here: another sink's org, a failed run, and a run whose records are not all in Kafka yet
        publishRun("run-other-sink", OTHER_SINKS_ORG, ExtractRunState.SUCCEEDED, 1, 1);
        publishRun("run-failed", ORG, ExtractRunState.FAILED, 0, 0);
        publishRun("run-incomplete", ORG, ExtractRunState.SUCCEEDED, 1, 5);

        LoaderService loader = startLoader(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> loader.stats().rawRowsUpserted("beacon_360_base") == 3);
        assertThat(warehouse.count("SELECT sum(records) FROM ami_run_loads WHERE run_id = 'run-a'")).isEqualTo(2);
        // the raw records are in, but the transformer has not normalized them yet
        assertThat(loadEvents(Duration.ofSeconds(3), 0)).isEmpty();

        List<ProducerRecord<String, IndexedRecord>> normalized = new ArrayList<>();
        hourlyReads(ORG, "ep-run-a-0", 3).forEach(r -> normalized.add(ofRun(readRecord(r), "run-a", ORG)));
        normalized.add(ofRun(meterRecord(ORG, "ep-run-a-0", "1 MAIN ST", T0), "run-a", ORG));
        transform(normalized);

        List<LoadFinished> events = loadEvents(Duration.ofSeconds(60), 1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getRunId()).isEqualTo("run-a");
            assertThat(e.getOrgId()).isEqualTo(ORG);
            assertThat(e.getSinkId()).isEqualTo("warehouse");
            assertThat(e.getSourceType()).isEqualTo("beacon_360");
            assertThat(e.getExtractName()).isEqualTo("standard");
            assertThat(e.getRangeStart()).isEqualTo(Instant.parse("2024-08-01T00:00:00Z"));
            assertThat(e.getRangeEnd()).isEqualTo(Instant.parse("2024-08-03T00:00:00Z"));
            assertThat(e.getRawRecordsPublished()).isEqualTo(2);
            assertThat(e.getRawRecordsLoaded()).isEqualTo(2);
            assertThat(e.getMeterReadsLoaded()).isEqualTo(3);
            assertThat(e.getMetersLoaded()).isEqualTo(1);
        });
        // by the time of the event, the run's readings are queryable
        assertThat(warehouse.count("SELECT count(*) FROM readings WHERE device_id = 'ep-run-a-0'")).isEqualTo(3);
        assertThat(loader.loadEventsPublished()).isEqualTo(1);

        // a restarted loader knows the event was published
        loader.close();
        LoaderService restarted = startLoader(null);
        publishRun("run-b", ORG, ExtractRunState.SUCCEEDED, 0, 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.loadEventsPublished() == 1);
        assertThat(loadEvents(Duration.ofSeconds(10), 2)).extracting(LoadFinished::getRunId)
                .containsExactlyInAnyOrder("run-a", "run-b");
    }

    private static List<Object> values(Map<String, Object> row) {
        return new ArrayList<>(row.values());
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Stands for the process dying: an Error the loader does not recover from. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the warehouse commit");
        }
    }
}
