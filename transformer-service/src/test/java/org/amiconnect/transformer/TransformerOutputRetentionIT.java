package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.RetentionCheck;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw records whose Kafka timestamps are older than the normalized topics' retention (an offset reset over raw records
 * days old, or raw records replayed by an earlier release) normalized by the real transformer on a broker that checks
 * retention every second ({@link SharedBroker}): its outputs carry the time they were published, so they outlive the
 * broker's next retention check. Stamped with the raw records' timestamps, as before, most were deleted (179 of 600
 * reads were left).
 */
class TransformerOutputRetentionIT {

    private static final String ORG = "retention_org";
    private static final int DEVICES = 30;
    private static final int READS = 600;

    @TempDir
    Path dir;

    @Test
    void outputsOfRawRecordsOlderThanRetentionOutliveTheBrokersRetentionCheck() throws Exception {
        AmiConnectConfig config = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(),
                        SharedBroker.uniquePrefix("transformer-retention"))
                .set("transformer.state-dir", dir.resolve("streams").toString())
                .beacon360(ORG, "u", "p")
                .load();
        KafkaClients clients = new KafkaClients(config.kafka());
        Topics topics = new Topics(config.kafka().topicPrefix());
        String rawTopic = topics.raw(Beacon360Adapter.METER_READ);
        long start = System.currentTimeMillis();
        try (Admin admin = Admin.create(clients.admin("transformer-retention-admin"));
                SchemaRegistry registry = new KafkaSchemaRegistry(clients.common("transformer-retention-registry"),
                        topics.schemas(), 1)) {
            // the raw topic keeps its 2025 records (as one with a longer retention than the normalized topics would);
            // the normalized topics get the broker's default, 7 days
            RetentionCheck.createKeepingEverything(clients, rawTopic, config.kafka().partitions());
            new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
            // each published with a Kafka timestamp of March 2025
            TransactionalPublisher.publish(clients, registry, TestRecords.hourlyBeaconReads(rawTopic, ORG, DEVICES,
                    READS, LocalDateTime.parse("2025-03-01T00:00"), TestRecords.T0.toEpochMilli()), 200);

            normalizeAll(config, clients, topics, registry, rawTopic);
            RetentionCheck.await(clients);

            TopicReader reader = new TopicReader(clients);
            List<ConsumerRecord<byte[], byte[]>> reads = reader.readAll(topics.meterReads());
            AvroDeserializer<GeneralMeterRead> values = new AvroDeserializer<>(registry, GeneralMeterRead.class);
            Set<String> distinct = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : reads) {
                GeneralMeterRead read = values.deserialize(r.topic(), r.value());
                distinct.add(read.getDeviceId() + "@" + read.getFlowtime());
            }
            assertThat(distinct).as("every read, after a retention check").hasSize(READS);
            assertThat(reads).hasSize(READS).allMatch(r -> r.timestamp() >= start, "stamped when published");

            List<ConsumerRecord<byte[], byte[]>> meters = reader.readAll(topics.meters());
            assertThat(meters).as("one meter per device, after a retention check").hasSize(DEVICES)
                    .allMatch(r -> r.timestamp() >= start, "stamped when published")
                    .allMatch(r -> OriginalTimestamp.of(r.headers(), r.timestamp()) < start,
                            "the raw record's first publish time in " + OriginalTimestamp.HEADER);
            assertThat(reader.readAll(topics.deadLetters())).isEmpty();
        }
    }

    private void normalizeAll(AmiConnectConfig config, KafkaClients clients, Topics topics, SchemaRegistry registry,
            String rawTopic) {
        try (TransformerService transformer = new TransformerService(config.sources(), AdapterCatalog.load(), clients,
                topics, registry, dir.resolve("unused"), config.transformer())) {
            transformer.start();
            GroupOffsets.awaitCaughtUp(clients, transformer.groupId(), List.of(rawTopic), Duration.ofSeconds(120));
        }
    }
}
