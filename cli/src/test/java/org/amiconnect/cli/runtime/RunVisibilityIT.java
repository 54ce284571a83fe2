package org.amiconnect.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.amiconnect.core.kafka.ConsumerGroupLag;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What {@code run --once} waits on before it calls the data loaded: the records a run wrote are visible to
 * {@code read_committed} consumers, the consumer group has committed past them, and no transaction is undecided. The
 * old check (committed offsets against {@code read_committed} end offsets only) called a group caught up while the
 * run's records were not visible yet.
 */
class RunVisibilityIT {

    @Test
    void recordsOfAnUndecidedTransactionAreNeitherVisibleNorSettledNorCaughtUp()
            throws Exception {
        String prefix = SharedBroker.uniquePrefix("visibility");
        KafkaClients clients = SharedBroker.clients(prefix, 1);
        String topic = prefix + "ami.raw.beacon360.meter-read";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String group = prefix + "transformer";

        try (ConsumerGroupLag lag = new ConsumerGroupLag(clients);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        clients.transactionalProducer("it-extractor", prefix + "tx-" + UUID.randomUUID()),
                        new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            long last = 0;
            for (int i = 0; i < 3; i++) {
                last = producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i)).get().offset();
            }
            Map<TopicPartition, Long> runEnds = Map.of(tp, last + 1);

            // written but not committed: the state right after a commit, before its markers
            // the old check compared only with read_committed end offsets, which these records are beyond: it said yes
            assertThat(lag.caughtUp(group, List.of(topic))).as("caught up while a transaction is undecided").isFalse();
            assertThat(lag.visible(runEnds)).isFalse();
            assertThat(lag.settled(List.of(topic))).isFalse();
            assertThat(lag.reached(group, runEnds)).isFalse();

            producer.commitTransaction();
            await().atMost(Duration.ofSeconds(30)).until(() -> lag.visible(runEnds));
            await().atMost(Duration.ofSeconds(30)).until(() -> lag.settled(List.of(topic)));
            assertThat(lag.caughtUp(group, List.of(topic))).as("three visible records not yet consumed").isFalse();
            assertThat(lag.reached(group, runEnds)).isFalse();

            commit(clients, group, tp, last + 1);
            assertThat(lag.reached(group, runEnds)).isTrue();
            assertThat(lag.caughtUp(group, List.of(topic))).isTrue();
        }
    }

    private static void commit(KafkaClients clients, String group, TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumer("it-group", group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Set.of(tp));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
        }
    }
}
