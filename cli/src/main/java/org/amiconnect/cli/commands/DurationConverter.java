package org.amiconnect.cli.commands;

import java.time.Duration;

import org.amiconnect.core.config.Durations;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations, written as in config.yaml: 500ms, 30s, 5m, 2h, 1d, or ISO-8601 (PT90S). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        Duration d = Durations.parse(text);
        if (d == null) {
            throw new TypeConversionException("'" + text + "' is not a duration; expected e.g. 30s, 10m, 2h");
        }
        return d;
    }
}
