package org.amiconnect.testsupport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.TopicSpec;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's time-based retention in integration tests: topics that must keep records of 2025 whatever their
 * timestamps, and a wait for the broker's next retention check (the shared broker runs one every second,
 * {@link SharedBroker}), after which a record published with an old timestamp into a topic of default retention is
 * gone.
 */
public final class RetentionCheck {

    private RetentionCheck() {
    }

    /**
     * Creates {@code topic} (unless it exists) so that it keeps its records whatever their timestamps
     * ({@code retention.ms=-1}): test records carry 2025 timestamps, which retention would delete at the next check.
     */
    public static void createKeepingEverything(KafkaClients clients, String topic, int partitions) {
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(new TopicSpec(topic, partitions,
                    Map.of("cleanup.policy", "delete", "retention.ms", "-1"))));
        }
    }

    /**
     * Returns once the broker has run a retention check after this call: a record of 2025 is published to a topic of
     * default retention (7 days) and its deletion awaited.
     *
     * @throws IllegalStateException when it is not deleted within 30 s
     */
    public static void await(KafkaClients clients) throws Exception {
        String canary = clients.settings().topicPrefix() + "retention-canary-" + System.nanoTime();
        TopicPartition partition = new TopicPartition(canary, 0);
        try (Admin admin = Admin.create(clients.admin("it-admin"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(TopicSpec.deleting(canary, 1)));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("it-canary"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(canary, 0, TestRecords.T0.toEpochMilli(), null, new byte[1]))
                        .get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker kept a record of 2025 in " + canary + " for 30 s");
                }
                Thread.sleep(100);
            }
        }
    }
}
