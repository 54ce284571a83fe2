package org.amiconnect.loader.sink;

import java.time.Instant;
import java.util.Objects;

import org.amiconnect.schemas.model.GeneralMeter;

/**
 * A meter as it was at {@code versionTime}: the event time of its record on the meters topic, which the transformer
 * sets to the extract time of the raw record the meter came from.
 */
public record MeterVersion(GeneralMeter meter, Instant versionTime) {

    public MeterVersion {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(versionTime, "versionTime");
    }
}
