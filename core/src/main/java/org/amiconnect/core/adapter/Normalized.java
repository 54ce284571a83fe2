package org.amiconnect.core.adapter;

import java.time.Instant;
import java.util.List;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;

/**
 * What one raw record became.
 *
 * @param meters meters described by the record
 * @param reads reads carried by the record
 * @param skippedReads reads the record could not carry but that are not errors (e.g. a Beacon row without Read_Time)
 * @param validFrom for point-in-time metadata: the UTC instant from which the meters' facts hold (e.g. an account's
 *     start date); null when they hold from always
 */
public record Normalized(List<GeneralMeter> meters, List<GeneralMeterRead> reads, int skippedReads, Instant validFrom) {

    public Normalized {
        meters = List.copyOf(meters);
        reads = List.copyOf(reads);
    }

    /** Records that hold from always. */
    public Normalized(List<GeneralMeter> meters, List<GeneralMeterRead> reads, int skippedReads) {
        this(meters, reads, skippedReads, null);
    }
}
