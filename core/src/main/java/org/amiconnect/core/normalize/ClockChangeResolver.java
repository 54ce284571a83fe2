package org.amiconnect.core.normalize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.schemas.raw.ExtractMetadata;

/**
 * Places the naive local times of one timestamp field that the time zone alone cannot place, using the other rows of
 * the same source (one report, one file). A normalizer sees one record at a time; this runs where the rows of a
 * source are seen together, in the extractor, and leaves its answers in each raw record's metadata
 * ({@link LocalTimeMarks}) for the normalizer.
 * <ul>
 *   <li><b>Fall-back overlap</b>: when one device has two (or more) rows at the same naive local time inside the
 *       repeated hour, they are two reads an hour apart, not one. The earliest (lowest {@code order}, i.e. lowest
 *       cumulative register; equal or unknown: earlier in the source) gets the daylight offset, the others the
 *       standard offset: {@code 2024-11-03 01:59} twice in Los Angeles becomes 08:59Z and 09:59Z. A single row at an
 *       overlap time keeps the zone's default, standard time ({@link VendorTimestamps}).</li>
 *   <li><b>Spring-forward gap</b>: a naive time that does not exist is moved forward by the gap (02:30 → 03:30). When
 *       the same device has a real read at the moved time, the moved row is a duplicate and would silently replace or
 *       be replaced by the real read: it gets a problem, and the normalizer dead-letters it with that reason.</li>
 * </ul>
 * Two passes over a source: {@link #observe} every row, then {@link #mark} each row's metadata. Only rows near a
 * clock change are remembered; a resolver for a window without clock changes is inactive and the first pass can be
 * skipped.
 */
public final class ClockChangeResolver {

    /** Rows may lie a little outside the requested window; clock changes this close to it are considered. */
    private static final Duration MARGIN = Duration.ofDays(2);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * What a row's local time was resolved to: an offset, or a problem that makes the row a dead letter.
     *
     * @param offset the UTC offset to read the local time with, or null
     * @param problem why the row is not a read of its own, or null
     */
    public record Resolution(ZoneOffset offset, String problem) {
    }

    private record DeviceTime(String device, LocalDateTime local) {
    }

    private record Observed(long row, Double order) {
    }

    private record GapRow(long row, String device, LocalDateTime local, ZoneOffsetTransition transition) {
    }

    private final String field;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final List<ZoneOffsetTransition> transitions;
    private final Map<DeviceTime, List<Observed>> overlapRows = new HashMap<>();
    private final List<GapRow> gapRows = new ArrayList<>();
    private final Map<DeviceTime, Long> rowsAfterGaps = new HashMap<>();
    private Map<Long, Resolution> resolved;

    private ClockChangeResolver(String field, ZoneId zone, List<ZoneOffsetTransition> transitions) {
        this.field = field;
        this.zone = zone;
        this.rules = zone.getRules();
        this.transitions = transitions;
    }

    /**
     * A resolver for the naive local times of {@code field} in rows extracted for {@code [from, to)}.
     *
     * @param field the raw field name, e.g. {@code Read_Time}; the marks are stored under it
     * @param zone the zone the vendor wrote naive times in
     */
    public static ClockChangeResolver around(String field, ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        Instant end = to.plus(MARGIN);
        ZoneOffsetTransition t = rules.nextTransition(from.minus(MARGIN));
        while (t != null && t.getInstant().isBefore(end)) {
            transitions.add(t);
            t = rules.nextTransition(t.getInstant());
        }
        return new ClockChangeResolver(field, zone, List.copyOf(transitions));
    }

    /** False when no clock change is near the window: every time is unambiguous and {@link #observe} can be skipped. */
    public boolean active() {
        return !transitions.isEmpty();
    }

    public String field() {
        return field;
    }

    /**
     * First pass: one row of the source.
     *
     * @param row the row's position in the source (unique per row)
     * @param device the device the row is a read of; rows without one are ignored
     * @param localTime the field's text; blank, offset-carrying and unparseable texts are ignored (the normalizer
     *     judges them)
     * @param order the row's cumulative register in one unit for all rows of a device (e.g. cubic feet), or null
     */
    public void observe(long row, String device, String localTime, Double order) {
        if (resolved != null) {
            throw new IllegalStateException("rows are observed before any is marked");
        }
        if (transitions.isEmpty() || device == null || device.isBlank()) {
            return;
        }
        LocalDateTime local;
        try {
            local = VendorTimestamps.parseLocal(localTime);
        } catch (DateTimeParseException e) {
            return;
        }
        if (local == null) {
            return;
        }
        for (ZoneOffsetTransition t : transitions) {
            if (t.isOverlap()) {
                if (!local.isBefore(t.getDateTimeAfter()) && local.isBefore(t.getDateTimeBefore())) {
                    overlapRows.computeIfAbsent(new DeviceTime(device, local), k -> new ArrayList<>(2))
                            .add(new Observed(row, order));
                }
            } else if (!local.isBefore(t.getDateTimeBefore()) && local.isBefore(t.getDateTimeAfter())) {
                gapRows.add(new GapRow(row, device, local, t));
            } else if (!local.isBefore(t.getDateTimeAfter()) && local.isBefore(t.getDateTimeAfter().plus(t.getDuration()))) {
                rowsAfterGaps.putIfAbsent(new DeviceTime(device, local), row);
            }
        }
    }

    /** Second pass: what the row's local time resolved to, if anything beyond the zone's default. */
    public Optional<Resolution> resolution(long row) {
        return Optional.ofNullable(resolutions().get(row));
    }

    /** Second pass: records the row's resolution, if any, in the metadata of its raw record. */
    public void mark(long row, ExtractMetadata metadata) {
        resolution(row).ifPresent(r -> LocalTimeMarks.mark(metadata, field, r));
    }

    /** Rows given an offset or a problem (for the log). */
    public int resolvedRows() {
        return resolutions().size();
    }

    /** Rows given a problem: they will be dead letters. */
    public long problemRows() {
        return resolutions().values().stream().filter(r -> r.problem() != null).count();
    }

    private Map<Long, Resolution> resolutions() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    private Map<Long, Resolution> resolve() {
        Map<Long, Resolution> out = new HashMap<>();
        for (Map.Entry<DeviceTime, List<Observed>> group : overlapRows.entrySet()) {
            List<Observed> rows = group.getValue();
            if (rows.size() < 2) {
                continue;
            }
            boolean ordered = rows.stream().allMatch(o -> o.order() != null);
            rows.sort(ordered ? Comparator.comparing(Observed::order).thenComparing(Observed::row)
                    : Comparator.comparing(Observed::row));
            ZoneOffsetTransition t = rules.getTransition(group.getKey().local());
            out.put(rows.get(0).row(), new Resolution(t.getOffsetBefore(), null));
            for (Observed later : rows.subList(1, rows.size())) {
                out.put(later.row(), new Resolution(t.getOffsetAfter(), null));
            }
        }
        for (GapRow gap : gapRows) {
            LocalDateTime moved = gap.local().plus(gap.transition().getDuration());
            Long real = rowsAfterGaps.get(new DeviceTime(gap.device(), moved));
            if (real != null) {
                ZoneOffsetTransition t = gap.transition();
                out.put(gap.row(), new Resolution(null, LOCAL.format(gap.local()) + " does not exist in " + zone.getId()
                        + " (the clock went from " + TIME.format(t.getDateTimeBefore()) + " to "
                        + TIME.format(t.getDateTimeAfter()) + "); moved forward it is " + TIME.format(moved)
                        + ", the time of the same device's read in row " + real + ", so it is a duplicate of that read"
                        + " rather than a read of its own"));
            }
        }
        return out;
    }
}
