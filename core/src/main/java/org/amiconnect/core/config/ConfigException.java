package org.amiconnect.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid. The message lists every problem found, one per line. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String file, String message) {
        this(List.of(new ConfigError(file, "", message)));
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
