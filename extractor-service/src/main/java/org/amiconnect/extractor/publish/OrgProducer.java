package org.amiconnect.extractor.publish;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer of one org ({@code transactional.id = <prefix>amiconnect-extractor.<org>}), created on
 * first use and replaced after an error that leaves it unusable. Creating it fences every older producer of the org,
 * in this or any other extractor instance, and aborts the transaction such a producer left open.
 */
public final class OrgProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrgProducer.class);

    private final String orgId;
    private final Supplier<Producer<String, SpecificRecord>> factory;
    private Producer<String, SpecificRecord> producer;

    /** @param factory makes a new (not yet initialized) transactional producer with the org's transactional id */
    public OrgProducer(String orgId, Supplier<Producer<String, SpecificRecord>> factory) {
        this.orgId = orgId;
        this.factory = factory;
    }

    synchronized Producer<String, SpecificRecord> get() {
        if (producer == null) {
            Producer<String, SpecificRecord> p = factory.get();
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    /** Drops a producer that was fenced or failed; the next {@link #get()} makes a new one. */
    synchronized void discard() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (KafkaException e) {
                log.debug("Closing the discarded producer of org {} failed", orgId, e);
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(10));
            } catch (KafkaException e) {
                log.warn("Closing the producer of org {} failed: {}", orgId, e.getMessage());
            }
            producer = null;
        }
    }
}
