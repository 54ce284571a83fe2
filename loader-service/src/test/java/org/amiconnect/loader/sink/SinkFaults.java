package org.amiconnect.loader.sink;

/** Fault injection into a sink, for crash tests. */
public final class SinkFaults {

    private SinkFaults() {
    }

    /** Runs {@code hook} inside every batch transaction, after all its writes and just before its commit. */
    public static void beforeCommit(WarehouseSink sink, Runnable hook) {
        ((JdbcWarehouseSink) sink).beforeCommit(hook);
    }
}
