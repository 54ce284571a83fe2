package org.amiconnect.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaIds;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka-backed schema registry against a real broker: restarts and several registries on one cluster. */
class KafkaSchemaRegistryIT {

    private static final String TOPIC = "_schemas";
    private static final String METERS = "ami.meters-value";
    private static final String DLQ = "ami.dlq-value";

    private static final GeneralMeter METER = GeneralMeter.newBuilder()
            .setOrgId("cadc").setDeviceId("1470158170").setMeterSize("0.625").setMultiplier(1.0)
            .setMeterInstallDate(Instant.parse("2019-03-04T05:06:07.123456Z"))
            .build();
    private static final DeadLetter DEAD_LETTER = DeadLetter.newBuilder()
            .setOriginalTopic("ami.raw.beacon360.meter-read").setOriginalPartition(1).setOriginalOffset(99L)
            .setOriginalValue(ByteBuffer.wrap("not avro".getBytes(StandardCharsets.UTF_8)))
            .setStage("deserialize").setErrorClass("SerializationException")
            .setErrorMessage("Unknown magic byte 0x6E").setFailedAt(Instant.parse("2024-08-01T07:59:00Z"))
            .build();

    @Test
    void recordsWrittenBeforeABrokerRestartAreReadableAfterIt(@TempDir Path dataDir) throws Exception {
        int port;
        int controllerPort;
        int meterId;
        int deadLetterId;
        byte[] meterBytes;
        byte[] deadLetterBytes;

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, 0)) {
            port = broker.port();
            controllerPort = broker.controllerPort();
            try (KafkaSchemaRegistry first = new KafkaSchemaRegistry(clientProps(broker), TOPIC)) {
                meterId = first.register(METERS, GeneralMeter.getClassSchema());
                deadLetterId = first.register(DLQ, DeadLetter.getClassSchema());
                meterBytes = new AvroSerializer<GeneralMeter>(first).serialize("ami.meters", METER);
                deadLetterBytes = new AvroSerializer<DeadLetter>(first).serialize("ami.dlq", DEAD_LETTER);
            }
            assertCompactedSinglePartitionTopic(broker);
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir, port, controllerPort);
                KafkaSchemaRegistry second = new KafkaSchemaRegistry(clientProps(restarted), TOPIC)) {
            assertThat(new AvroDeserializer<>(second, GeneralMeter.class).deserialize("ami.meters", meterBytes))
                    .isEqualTo(METER);
            assertThat(new AvroDeserializer<>(second, DeadLetter.class).deserialize("ami.dlq", deadLetterBytes))
                    .isEqualTo(DEAD_LETTER);
            assertThat(WireFormat.schemaId(meterBytes)).isEqualTo(meterId)
                    .isEqualTo(SchemaIds.fingerprintId(GeneralMeter.getClassSchema()));
            assertThat(second.register(METERS, GeneralMeter.getClassSchema())).isEqualTo(meterId);
            assertThat(second.register(DLQ, DeadLetter.getClassSchema())).isEqualTo(deadLetterId);
            assertThat(second.subjects()).containsExactly(DLQ, METERS);
            assertThat(second.versions(METERS)).containsExactly(1);
            assertThat(second.latest(DLQ).orElseThrow().id()).isEqualTo(deadLetterId);
        }
    }

    @Test
    void registriesSharingAClusterAgreeOnIdsAndVersions(@TempDir Path dataDir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, 0);
                KafkaSchemaRegistry a = new KafkaSchemaRegistry(clientProps(broker), TOPIC);
                KafkaSchemaRegistry b = new KafkaSchemaRegistry(clientProps(broker), TOPIC)) {
            int meterIdFromA = a.register(METERS, GeneralMeter.getClassSchema());
            int meterIdFromB = b.register(METERS, GeneralMeter.getClassSchema());
            assertThat(meterIdFromB).isEqualTo(meterIdFromA);

            // registered by A after B loaded the topic: B finds it by reading to the end
            int deadLetterId = a.register(DLQ, DeadLetter.getClassSchema());
            assertThat(b.schemaById(deadLetterId)).isEqualTo(DeadLetter.getClassSchema());
            byte[] bytes = new AvroSerializer<DeadLetter>(a).serialize("ami.dlq", DEAD_LETTER);
            assertThat(new AvroDeserializer<>(b, DeadLetter.class).deserialize("ami.dlq", bytes))
                    .isEqualTo(DEAD_LETTER);

            int readIdFromB = b.register(METERS, GeneralMeterRead.getClassSchema());
            assertThat(a.versions(METERS)).containsExactly(1, 2).isEqualTo(b.versions(METERS));
            assertThat(a.version(METERS, 2).id()).isEqualTo(readIdFromB);
            assertThat(a.latest(METERS).orElseThrow().schema()).isEqualTo(GeneralMeterRead.getClassSchema());
            assertThat(a.subjects()).isEqualTo(b.subjects()).containsExactly(DLQ, METERS);
        }
    }

    @Test
    void aDeletedSubjectIsGoneForEveryRegistryOfTheClusterWhileItsSchemasStayReadable(@TempDir Path dataDir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, 0);
                KafkaSchemaRegistry a = new KafkaSchemaRegistry(clientProps(broker), TOPIC);
                KafkaSchemaRegistry b = new KafkaSchemaRegistry(clientProps(broker), TOPIC)) {
            int id = a.register(METERS, GeneralMeter.getClassSchema());
            a.register(DLQ, DeadLetter.getClassSchema());

            assertThat(b.deleteSubject(METERS)).containsExactly(1);

            assertThat(a.subjects()).containsExactly(DLQ);
            assertThat(a.latest(METERS)).isEmpty();
            assertThat(a.schemaById(id)).isEqualTo(GeneralMeter.getClassSchema());
            try (KafkaSchemaRegistry restarted = new KafkaSchemaRegistry(clientProps(broker), TOPIC)) {
                assertThat(restarted.subjects()).containsExactly(DLQ);
            }
            // registered again, the subject starts over at version 1
            a.register(METERS, GeneralMeter.getClassSchema());
            assertThat(b.versions(METERS)).containsExactly(1);
        }
    }

    private static Map<String, Object> clientProps(EmbeddedKafkaBroker broker) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    private static void assertCompactedSinglePartitionTopic(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(clientProps(broker))) {
            TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(TOPIC);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
