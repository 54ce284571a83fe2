package org.amiconnect.archiver;

/** Why an archive object was closed. */
public enum CloseReason {
    /** It holds {@code archive.rotate-records} records. */
    RECORDS,
    /** The next record would take it past {@code archive.rotate-bytes}. */
    BYTES,
    /** The next record's timestamp is {@code archive.rotate-interval} or more after its first record's. */
    INTERVAL,
    /** The next record's timestamp falls on a later UTC date (objects are grouped by ingest date). */
    DATE,
    /** Its partition has had no new record for {@code archive.idle-flush}. */
    IDLE,
    /** It reached the last offset of the object already stored under its key (a retry rebuilding that object). */
    EXISTING,
    /** The archiver is stopping. */
    SHUTDOWN
}
