package org.amiconnect.core.config;

import java.time.Duration;

/**
 * Micro-batching of the loader.
 *
 * @param batchRecords most records per warehouse transaction
 * @param batchInterval longest wait before a partial batch is written
 * @param createTables create missing warehouse tables on start
 */
public record LoaderSettings(int batchRecords, Duration batchInterval, boolean createTables) {
}
