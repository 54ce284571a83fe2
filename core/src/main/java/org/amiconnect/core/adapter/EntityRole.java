package org.amiconnect.core.adapter;

/** What one raw entity contributes to a vendor's join in the transformer. */
public enum EntityRole {
    /** Each raw record is whole: it holds a meter and its reads (Beacon 360). Nothing is joined. */
    ROW,
    /**
     * Metadata about a meter (meter attributes, its account, its location), kept as a table keyed by the join key
     * (org|device_id). Its normalizer returns partial {@code GeneralMeter}s: the fields it knows, the others null.
     */
    METADATA,
    /** Reads, a stream joined against the vendor's metadata tables on org|device_id. */
    READS
}
