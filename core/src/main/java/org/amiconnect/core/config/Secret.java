package org.amiconnect.core.config;

import java.util.Objects;

/**
 * A credential read from secrets.yaml or the environment. Its {@link #toString()} is masked so that a secret can
 * never leak into a log line, an exception message or {@code config show} by accident; only {@link #reveal()} gives
 * the value, and only code that hands it to a client library should call it.
 */
public final class Secret {

    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
