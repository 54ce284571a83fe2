package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the transformer's process mid-stream (SIGKILL: its open transaction and local state are left as they were)
 * and starts it again on the same state directory: the read_committed reads topic then holds every read exactly once.
 */
class TransformerKillIT {

    private static final String ORG = "kill_org";
    private static final int DEVICES = 50;
    private static final int READS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aKilledTransformerRestartedPublishesEveryReadExactlyOnce() throws Exception {
        AmiConnectConfig config = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(),
                        SharedBroker.uniquePrefix("transformer-kill"))
                // the killed instance stays in the group until its session times out (45 s by default)
                .set("kafka.properties", Map.of("session.timeout.ms", 6000))
                .set("transformer.state-dir", dir.resolve("streams").toString())
                .beacon360(ORG, "u", "p")
                .load();
        KafkaClients clients = new KafkaClients(config.kafka());
        Topics topics = new Topics(config.kafka().topicPrefix());
        try (Admin admin = Admin.create(clients.admin("transformer-kill-admin"));
                SchemaRegistry registry = new KafkaSchemaRegistry(clients.common("transformer-kill-registry"),
                        topics.schemas(), 1)) {
            new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
            String rawTopic = topics.raw(Beacon360Adapter.METER_READ);
            TransactionalPublisher.publish(clients, registry, TestRecords.hourlyBeaconReads(rawTopic, ORG, DEVICES,
                    READS, LocalDateTime.parse("2024-08-01T00:00"), null), 5_000);

            Process first = start();
            awaitReadsInLog(dir.resolve("transformer-1.log"), READS / 4);
            first.destroyForcibly().waitFor();

            try (TransformerService restarted = new TransformerService(config.sources(), AdapterCatalog.load(),
                    clients, topics, registry, dir.resolve("unused"), config.transformer())) {
                restarted.start();
                GroupOffsets.awaitCaughtUp(clients, restarted.groupId(), List.of(rawTopic), Duration.ofSeconds(120));
            }

            TopicReader reader = new TopicReader(clients);
            List<ConsumerRecord<byte[], byte[]>> committed = reader.readAll(topics.meterReads());
            AvroDeserializer<GeneralMeterRead> values = new AvroDeserializer<>(registry, GeneralMeterRead.class);
            Set<String> distinct = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : committed) {
                GeneralMeterRead read = values.deserialize(r.topic(), r.value());
                distinct.add(read.getDeviceId() + "@" + read.getFlowtime());
            }
            int inLog = reader.readUncommitted(topics.meterReads()).size();
            System.out.printf("killed mid-stream: %,d reads committed, %,d distinct, %,d in the log incl. aborted%n",
                    committed.size(), distinct.size(), inLog);
            assertThat(distinct).hasSize(READS);
            assertThat(committed).hasSize(READS);
        }
    }

    private Process start() throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), TransformerProcess.class.getName(),
                dir.resolve("config.yaml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("transformer-1.log").toFile()).start();
    }

    private static void awaitReadsInLog(Path log, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (lines.get(i).startsWith("reads=")) {
                        if (Long.parseLong(lines.get(i).substring(6).trim()) >= atLeast) {
                            return;
                        }
                        break;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the transformer process did not normalize " + atLeast + " reads in 90 s; its log: "
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }
}
