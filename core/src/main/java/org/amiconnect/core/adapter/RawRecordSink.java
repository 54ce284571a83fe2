package org.amiconnect.core.adapter;

import org.apache.avro.specific.SpecificRecord;

/** Where an extractor puts raw records; the extractor service publishes them to the entity's raw topic. */
@FunctionalInterface
public interface RawRecordSink {

    /**
     * @param entity the kind of record, which decides the topic
     * @param key the record key: org_id and the vendor's natural key (see {@code RecordKeys})
     * @param record the raw record with its extract metadata filled in
     */
    void publish(RawEntity entity, String key, SpecificRecord record);

    /**
     * Says that the extractor is waiting for its source (a report still being generated or downloaded) and publishes
     * nothing meanwhile. An extractor that publishes part of its data before the rest has arrived calls this about once
     * a second while such a wait lasts, so that a sink holding a Kafka transaction open can commit it once it is as old
     * as the sink allows, rather than let the broker abort it ({@code transaction.max.timeout.ms}) while nothing
     * happens. The default does nothing.
     */
    default void awaitingSource() {
    }
}
