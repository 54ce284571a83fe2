package org.amiconnect.core.adapter;

import java.util.List;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;

/**
 * What one raw record became.
 *
 * @param meters meters described by the record
 * @param reads reads carried by the record
 * @param skippedReads reads the record could not carry but that are not errors (e.g. a Beacon row without Read_Time)
 */
public record Normalized(List<GeneralMeter> meters, List<GeneralMeterRead> reads, int skippedReads) {

    public Normalized {
        meters = List.copyOf(meters);
        reads = List.copyOf(reads);
    }
}
