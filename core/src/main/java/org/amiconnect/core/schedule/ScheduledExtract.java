package org.amiconnect.core.schedule;

import java.time.Duration;

/**
 * A recurring extract: at each {@code cron} tick (in the source's time zone) pull {@code [tick - lag - window, tick - lag)}.
 *
 * @param name e.g. {@code standard}, {@code lagged}
 * @param window length of the extracted range
 * @param lag how far behind the tick the range ends
 * @param cron five-field cron expression
 */
public record ScheduledExtract(String name, Duration window, Duration lag, String cron) {

    public static ScheduledExtract standard(Duration window) {
        return new ScheduledExtract("standard", window, Duration.ZERO, "0 12 * * *");
    }
}
