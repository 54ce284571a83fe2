package org.amiconnect.core.adapter;

import org.apache.avro.specific.SpecificRecord;

/** Turns one raw vendor record into standard-model records. Stateless and thread-safe. */
public interface Normalizer {

    /**
     * @throws NormalizationException when the record cannot be normalized; the message names the record and field,
     *     and the record goes to the dead-letter topic
     */
    Normalized normalize(SpecificRecord raw) throws NormalizationException;
}
