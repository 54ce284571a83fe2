package org.amiconnect.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A five-field (Unix) cron expression evaluated in a time zone, DST-aware: a tick at 12:00 fires at 12:00 local
 * time on both sides of a clock change.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
        this.expression = expression;
        this.zone = zone;
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

    /** The latest tick at or before {@code now}. */
    public Optional<Instant> lastTickAtOrBefore(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (executionTime.isMatch(local.withSecond(0).withNano(0)) && local.getSecond() == 0 && local.getNano() == 0) {
            return Optional.of(now);
        }
        return executionTime.lastExecution(local).map(ZonedDateTime::toInstant);
    }

    /** The first tick strictly after {@code after}. */
    public Optional<Instant> nextTickAfter(Instant after) {
        return executionTime.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
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
