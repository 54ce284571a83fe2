package org.amiconnect.cli.commands.archive;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.GroupOffsets;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.amiconnect.testsupport.kafka.TransactionalPublisher;
import org.amiconnect.testsupport.records.TestRecords;
import org.amiconnect.transformer.TransformerReset;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect replay transformer}: a dry run changes nothing; {@code --execute} rewinds the raw offsets, deletes
 * the store changelogs and the local state, so the restarted transformer publishes every read again (its
 * de-duplication state is gone, as it must be for a replay).
 */
class ReplayTransformerIT {

    private static final String ORG = "replay_org";
    private static final int READS = 100;

    @TempDir
    Path dir;

    @Test
    void aDryRunChangesNothingAndExecuteMakesTheTransformerNormalizeEverythingAgain() throws Exception {
        Path stateDir = dir.resolve("streams");
        Path configFile = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(),
                        SharedBroker.uniquePrefix("replay-transformer"))
                .set("kafka.properties", Map.of("session.timeout.ms", 6000))
                .set("transformer.state-dir", stateDir.toString())
                .beacon360(ORG, "u", "p").write();
        AmiConnectConfig config = new ConfigLoader(AdapterCatalog.load(), Map.of()).load(configFile, Optional.empty());
        KafkaClients clients = new KafkaClients(config.kafka());
        Topics topics = new Topics(config.kafka().topicPrefix());
        String raw = topics.raw(Beacon360Adapter.METER_READ);
        String group = TransformerService.applicationId(topics);
        try (Admin admin = Admin.create(clients.admin("replay-transformer-admin"));
                SchemaRegistry registry = new KafkaSchemaRegistry(clients.common("replay-transformer-registry"),
                        topics.schemas(), 1)) {
            new TopicProvisioner(admin, (short) 1).ensure(PipelineTopics.specs(config, AdapterCatalog.load()));
            TransactionalPublisher.publish(clients, registry, TestRecords.hourlyBeaconReads(raw, ORG, 10, READS,
                    LocalDateTime.parse("2024-08-01T00:00"), null));
            normalizeAll(config, clients, topics, registry, raw);
            TopicReader reader = new TopicReader(clients);
            assertThat(reader.readAll(topics.meterReads())).hasSize(READS);
            List<String> changelogs = TransformerReset.internalTopics(admin, group);
            assertThat(changelogs).isNotEmpty().allMatch(t -> t.endsWith("-changelog"));
            Path local = TransformerReset.localState(stateDir, group);
            assertThat(local).exists();

            CommandRun dry = amiconnect("replay", "transformer", "-c", configFile.toString(), "--to-earliest");
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Reset of the transformer", raw, changelogs.get(0), local.toString(),
                    "Nothing was changed");
            // caught up: at the end of each partition (past the transaction markers, which take offsets too)
            assertThat(GroupOffsets.committed(admin, group)).isEqualTo(GroupOffsets.endOffsets(admin, List.of(raw), 3));

            CommandRun done = amiconnect("replay", "transformer", "-c", configFile.toString(), "--to-earliest",
                    "--execute");
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(GroupOffsets.committed(admin, group).values()).containsOnly(0L);
            assertThat(TransformerReset.internalTopics(admin, group)).isEmpty();
            assertThat(Files.exists(local)).isFalse();

            normalizeAll(config, clients, topics, registry, raw);
            assertThat(reader.readAll(topics.meterReads())).hasSize(2 * READS);
        }
    }

    private static void normalizeAll(AmiConnectConfig config, KafkaClients clients, Topics topics,
            SchemaRegistry registry, String raw) throws Exception {
        try (TransformerService transformer = new TransformerService(config.sources(), AdapterCatalog.load(), clients,
                topics, registry, Path.of("unused"), config.transformer())) {
            transformer.start();
            GroupOffsets.awaitCaughtUp(clients, transformer.groupId(), List.of(raw), Duration.ofSeconds(90));
        }
    }
}
