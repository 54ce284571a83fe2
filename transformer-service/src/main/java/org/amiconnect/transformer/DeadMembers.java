package org.amiconnect.transformer;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a failed transformer's members out of its group at once. A Streams client in ERROR leaves its consumer
 * members behind until their session times out (45 s), and while they are there {@code replay transformer
 * --execute} and {@code kafka-consumer-groups --reset-offsets} refuse to run. Kafka's admin API removes dynamic members
 * only all together (KIP-571), so this is done only when every member of the group is this process's (its client id):
 * live instances of other processes are never disturbed; they evict the dead member themselves after the timeout.
 */
final class DeadMembers {

    private static final Logger log = LoggerFactory.getLogger(DeadMembers.class);

    private DeadMembers() {
    }

    /**
     * @param group the Streams application id
     * @param clientIdPrefix this process's Streams client id; its consumers' client ids start with it
     */
    static void remove(KafkaClients clients, String group, String clientIdPrefix) {
        try (Admin admin = Admin.create(clients.admin("amiconnect-transformer-cleanup"))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            List<MemberDescription> members = d == null ? List.of() : List.copyOf(d.members());
            if (members.isEmpty() || !members.stream().allMatch(m -> m.clientId().startsWith(clientIdPrefix))) {
                return;
            }
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(10, TimeUnit.SECONDS);
            log.info("Removed the {} member(s) this failed transformer left in group {}", members.size(), group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not remove the members this failed transformer left in group {} (they leave when their "
                    + "session times out): {}", group, e.toString());
        }
    }
}
