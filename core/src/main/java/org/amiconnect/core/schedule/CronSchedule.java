package org.amiconnect.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A five-field (Unix) cron expression evaluated on the wall clock of a time zone: a tick at 12:00 fires at 12:00 local
 * time on both sides of a clock change.
 *
 * <p>The expression is matched against local date-times; each matching local time then fires once, at one instant:
 * <ul>
 *   <li>a local time that does not exist (inside the spring-forward gap, e.g. 02:30 on 2026-03-08 in Los Angeles)
 *       fires right after the gap, at the first instant of the new offset (03:00 PDT = 10:00Z), as classic cron
 *       does;</li>
 *   <li>a local time that happens twice (inside the fall-back overlap, e.g. 01:30 on 2026-11-01 in Los Angeles) fires
 *       once, at its first occurrence (01:30 PDT = 08:30Z).</li>
 * </ul>
 * So a daily expression ticks exactly once every local day, whatever the zone does (midnight included, in zones that
 * change their clocks at midnight such as America/Santiago). Several local times inside one gap share its one tick.
 * cron-utils alone, evaluated in the zone, skips the gap tick and fires the overlap tick twice; here it is evaluated
 * on the DST-free local time line and the mapping to instants is ours.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
        this.expression = expression;
        this.zone = zone;
        this.rules = zone.getRules();
        this.executionTime = executionTime;
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public static CronSchedule parse(String expression, ZoneId zone) {
        try {
            return new CronSchedule(expression, zone, ExecutionTime.forCron(PARSER.parse(expression.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a five-field cron expression ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Null when valid, else why not. */
    public static String problem(String expression) {
        try {
            PARSER.parse(expression.trim());
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + expression + "' is not a five-field cron expression (minute hour day-of-month month "
                    + "day-of-week): " + e.getMessage();
        }
    }

    /** The latest tick at or before {@code now}; empty when the expression never matched before it. */
    public Optional<Instant> lastTickAtOrBefore(Instant now) {
        LocalDateTime bound = latestLocalFiringBy(now);
        LocalDateTime minute = bound.truncatedTo(ChronoUnit.MINUTES);
        if (executionTime.isMatch(onLocalLine(minute))) {
            return Optional.of(fireInstant(minute));
        }
        return executionTime.lastExecution(onLocalLine(minute)).map(t -> fireInstant(t.toLocalDateTime()));
    }

    /** The first tick strictly after {@code after}; empty when the expression never matches again. */
    public Optional<Instant> nextTickAfter(Instant after) {
        return executionTime.nextExecution(onLocalLine(latestLocalFiringBy(after)))
                .map(t -> fireInstant(t.toLocalDateTime()));
    }

    /**
     * The latest local time whose tick would have fired by {@code instant}: every local time up to it fires at or
     * before {@code instant}, every later one after it. That is the wall-clock time at {@code instant}, except during
     * the second pass through a fall-back overlap, when the whole repeated hour has already fired (at its first pass).
     */
    private LocalDateTime latestLocalFiringBy(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        LocalDateTime local = at.toLocalDateTime();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition != null && transition.isOverlap() && at.getOffset().equals(transition.getOffsetAfter())) {
            return transition.getDateTimeBefore().minusNanos(1);
        }
        return local;
    }

    /** When a matching local time fires: its only instant, the end of its gap, or its first occurrence. */
    private Instant fireInstant(LocalDateTime local) {
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
    }

    /** A local time on a line without clock changes, where cron-utils matches fields without DST surprises. */
    private static ZonedDateTime onLocalLine(LocalDateTime local) {
        return local.atZone(ZoneOffset.UTC);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
