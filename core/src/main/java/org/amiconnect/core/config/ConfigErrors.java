package org.amiconnect.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem in a configuration before failing, so one run of {@code config validate} shows them all. */
public final class ConfigErrors {

    private final List<ConfigError> errors = new ArrayList<>();

    public void add(String file, String path, String message) {
        errors.add(new ConfigError(file, path, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<ConfigError> all() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
