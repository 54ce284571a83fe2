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
}
