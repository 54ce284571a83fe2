package org.amiconnect.loader.sink;

import java.util.Map;

/**
 * What one committed batch changed in the warehouse.
 *
 * @param readingsUpserted readings inserted or overwritten
 * @param metersInserted new meter rows (new devices and new versions)
 * @param metersClosed current meter rows closed because a newer version differs
 * @param rawRowsUpserted raw rows inserted or overwritten, by table
 */
public record BatchResult(long readingsUpserted, long metersInserted, long metersClosed, Map<String, Long> rawRowsUpserted) {

    public BatchResult {
        rawRowsUpserted = Map.copyOf(rawRowsUpserted);
    }
}
