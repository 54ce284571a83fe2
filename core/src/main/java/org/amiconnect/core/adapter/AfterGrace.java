package org.amiconnect.core.adapter;

/** What happens to a read whose meter metadata has not arrived when its grace has passed. */
public enum AfterGrace {
    /** The read is published without the metadata (account and location stay null); a warning and a metric say so. */
    EMIT_WITHOUT_METADATA,
    /** The read becomes a dead letter naming the missing metadata, with its original bytes. */
    DEAD_LETTER
}
