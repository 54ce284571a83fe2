package org.amiconnect.cli.commands;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect transformer} against a running cluster exits non-zero when its Streams client stops for good (the
 * restore runbook's first step, deleting a raw topic), and its dead member has left the group by then, so that
 * {@code replay transformer --execute} and {@code kafka-consumer-groups --reset-offsets} can run at once.
 */
class ServiceCommandStopsIT {

    private static final String ORG = "stop_org";

    @TempDir
    Path dir;

    @Test
    void theTransformerCommandExitsNonZeroNamingTheMissingTopicWhenARawTopicIsDeleted() throws Exception {
        String prefix = SharedBroker.uniquePrefix("service-stops");
        Path config = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), prefix)
                .set("transformer.state-dir", dir.resolve("streams").toString())
                .beacon360(ORG, "u", "p")
                .write();
        Topics topics = new Topics(prefix);
        String group = TransformerService.applicationId(topics);
        KafkaClients clients = SharedBroker.clients(prefix);
        try (Admin admin = Admin.create(clients.admin("service-stops-admin"))) {
            CompletableFuture<CommandRun> transformer = CompletableFuture.supplyAsync(
                    () -> amiconnect("transformer", "-c", config.toString()));
            await().atMost(Duration.ofSeconds(90)).until(() -> transformer.isDone() || members(admin, group) > 0);
            assertThat(transformer).as("the transformer is running").isNotDone();

            admin.deleteTopics(List.of(topics.raw(Beacon360Adapter.METER_READ))).all().get(30, TimeUnit.SECONDS);

            CommandRun run = transformer.get(120, TimeUnit.SECONDS);
            assertThat(run.exit()).isEqualTo(ConfiguredCommand.SERVICE_FAILED_EXIT);
            assertThat(run.err()).contains("Exit 1: the transformer stopped for good")
                    .contains("missing").contains(group);
            // well under the 45 s session timeout: the dead member left the group as it stopped
            await().atMost(Duration.ofSeconds(5)).until(() -> members(admin, group) == 0);
        }
    }

    private static int members(Admin admin, String group) throws Exception {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                    .get(group);
            return d == null ? 0 : d.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // not created yet
            }
            throw e;
        }
    }
}
