package org.amiconnect.extractor.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes control records outside any run's transaction: extract requests (keyed by org, so all of an org's
 * requests land on one partition and one extractor instance) and the QUEUED and REJECTED run states. Each call
 * returns once the broker has the record.
 */
public final class ControlPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final Producer<String, SpecificRecord> producer;
    private final Topics topics;

    public ControlPublisher(KafkaClients clients, Topics topics, SchemaRegistry registry, String clientId) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(clients.producer(clientId), new StringSerializer(),
                new AvroSerializer<>(registry));
    }

    public void publish(ExtractRequest request) {
        send(new ProducerRecord<>(topics.extractRequests(), request.getOrgId(), request));
    }

    public void publish(ExtractRun run) {
        send(new ProducerRecord<>(topics.extractRuns(), run.getRunId(), run));
    }

    private void send(ProducerRecord<String, SpecificRecord> record) {
        try {
            producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot publish to " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("The broker did not acknowledge a record on " + record.topic() + " within "
                    + ACK_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
