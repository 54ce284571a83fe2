package org.amiconnect.core.kafka;

import java.util.HashMap;
import java.util.Map;

import org.amiconnect.core.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client settings shared by every service: the cluster address, the operator's extra properties and credentials,
 * and the settings each kind of client needs for AMI Connect's guarantees.
 */
public final class KafkaClients {

    private final KafkaSettings settings;

    public KafkaClients(KafkaSettings settings) {
        this.settings = settings;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /**
     * {@code <host>-<pid>}: names this process among the instances of a service, so that two transformers (or
     * loaders) show different client ids in {@code kafka-consumer-groups --describe --members}.
     */
    public static String processInstance() {
        return ProcessInstance.ID;
    }

    /** Connection and security settings every client needs. */
    public Map<String, Object> common(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.resolvedBootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.putAll(settings.clientProperties());
        settings.secretProperties().forEach((k, v) -> p.put(k, v.reveal()));
        return p;
    }

    /** A transactional producer: idempotent, acks=all, compressed with {@code kafka.compression-type}. */
    public Map<String, Object> transactionalProducer(String clientId, String transactionalId) {
        Map<String, Object> p = common(clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compressionType());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // a run publishes while it reads the vendor's report; the broker caps this at transaction.max.timeout.ms
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
        return p;
    }

    /** A plain idempotent producer for small control records. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** A consumer that sees only committed transactions and commits offsets itself. */
    public Map<String, Object> consumer(String clientId, String groupId) {
        Map<String, Object> p = common(clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    public Map<String, Object> admin(String clientId) {
        return common(clientId);
    }

    /** Computed once per process. */
    private static final class ProcessInstance {
        static final String ID = compute();

        private static String compute() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
            return host + "-" + ProcessHandle.current().pid();
        }
    }
}
