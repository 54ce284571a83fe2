package org.amiconnect.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes records as the extractor and the transformer do: in transactions, with a fresh transactional id. */
public final class TransactionalPublisher {

    private TransactionalPublisher() {
    }

    /** Publishes Avro records with string keys in one transaction (see {@link #publish(KafkaClients, SchemaRegistry,
     * List, int)}). */
    public static void publish(KafkaClients clients, SchemaRegistry registry,
            List<? extends ProducerRecord<String, ? extends IndexedRecord>> records) {
        publish(clients, registry, records, Integer.MAX_VALUE);
    }

    /**
     * Publishes Avro records with string keys, {@code perTransaction} records per transaction, values in the
     * registry's wire format (a {@code null} value is a tombstone); topic, timestamp and headers are kept.
     */
    public static void publish(KafkaClients clients, SchemaRegistry registry,
            List<? extends ProducerRecord<String, ? extends IndexedRecord>> records, int perTransaction) {
        List<ProducerRecord<byte[], byte[]>> bytes = new ArrayList<>();
        try (AvroSerializer<IndexedRecord> values = new AvroSerializer<>(registry)) {
            for (ProducerRecord<String, ? extends IndexedRecord> r : records) {
                bytes.add(new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(),
                        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                        r.value() == null ? null : values.serialize(r.topic(), r.value()), r.headers()));
            }
        }
        publishBytes(clients, bytes, perTransaction);
    }

    /** Publishes records as they are, {@code perTransaction} per transaction; returns when the last is committed. */
    public static void publishBytes(KafkaClients clients, List<ProducerRecord<byte[], byte[]>> records,
            int perTransaction) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.transactionalProducer("it-publisher",
                "it-publisher-" + UUID.randomUUID()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            int start = 0;
            while (start < records.size()) {
                int end = start + Math.min(perTransaction, records.size() - start);
                producer.beginTransaction();
                records.subList(start, end).forEach(producer::send);
                producer.commitTransaction();
                start = end;
            }
        }
    }
}
