package org.amiconnect.adapters.jdbc;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A meter's facts over time (its location, the account served there) as versions that each hold from their start
 * until the next one: the shape the transformer's point-in-time metadata keeps. The vendors' tables give periods
 * (active and inactive dates); every period start and end is a boundary, the state is evaluated at each boundary, and
 * a version is kept where the state changes, so a read after a period ended gets the following state (often: none),
 * as the predecessor's time-bounded lookups gave None there.
 */
public final class MeterVersions {

    /**
     * @param from local time from which the state holds; null = from always
     * @param state what holds
     */
    public record Version<S>(LocalDateTime from, S state) {
    }

    private MeterVersions() {
    }

    /**
     * @param boundaries every period start and end of the meter (nulls ignored)
     * @param horizon boundaries after it are ignored: vendors write open ends as far-future dates (9999-01-01), and
     *     no read is that late; a version starting there would also push the transformer's history retention
     *     (measured from the newest version) past the meter's real versions
     * @param stateAt the state at a local time (null = before every boundary); periods are half-open, [start, end)
     * @return the first version (from always) and one per boundary where the state changes, in time order
     */
    public static <S> List<Version<S>> of(Iterable<LocalDateTime> boundaries, LocalDateTime horizon,
            Function<LocalDateTime, S> stateAt) {
        TreeSet<LocalDateTime> sorted = new TreeSet<>();
        boundaries.forEach(b -> {
            if (b != null && !b.isAfter(horizon)) {
                sorted.add(b);
            }
        });
        List<Version<S>> out = new ArrayList<>();
        S previous = stateAt.apply(null);
        out.add(new Version<>(null, previous));
        for (LocalDateTime b : sorted) {
            S state = stateAt.apply(b);
            if (!Objects.equals(state, previous)) {
                out.add(new Version<>(b, state));
                previous = state;
            }
        }
        return out;
    }

    /** Whether {@code t} (null = before everything) lies in [from, until); a null bound is open. */
    public static boolean covers(LocalDateTime from, LocalDateTime until, LocalDateTime t) {
        if (t == null) {
            return from == null;
        }
        return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
    }
}
