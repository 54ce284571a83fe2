package org.amiconnect.core.adapter;

/** Pulls the raw records of one source for one window and hands them to a sink, in source order. */
public interface Extractor extends AutoCloseable {

    /**
     * Extracts {@code window} and publishes every raw record to {@code sink}. Finding no data is a success.
     *
     * @throws ExtractException when the source cannot be read; its {@link ExtractException#retryable()} says whether
     *     trying again later may help
     */
    ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException;

    @Override
    default void close() {
    }
}
