package org.amiconnect.loader.sink;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as epoch microseconds, the precision of Avro timestamp-micros and of the warehouse's timestamps. */
public final class Micros {

    private Micros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Long ofNullable(Instant instant) {
        return instant == null ? null : of(instant);
    }

    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
