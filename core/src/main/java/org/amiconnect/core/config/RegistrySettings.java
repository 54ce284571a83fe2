package org.amiconnect.core.config;

import java.util.Optional;

/**
 * Where Avro schemas are registered.
 *
 * @param url {@code embedded} (schemas kept in a compacted topic of the cluster and, under {@code amiconnect run},
 *     served over REST on loopback) or the http(s) URL of a Confluent-compatible registry
 * @param embeddedPort port of the embedded registry's REST endpoint
 * @param compatibility the compatibility level the embedded registry's REST endpoint checks new versions at
 *     ({@code NONE}, {@code BACKWARD} (default), {@code FORWARD}, {@code FULL}, each also {@code _TRANSITIVE})
 */
public record RegistrySettings(String url, int embeddedPort, Optional<String> username, Optional<Secret> password,
        String compatibility) {

    public static final String EMBEDDED = "embedded";

    /** Confluent's default level. */
    public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

    /** The levels of Confluent's registry. */
    public static final java.util.List<String> COMPATIBILITY_LEVELS = java.util.List.of("NONE", "BACKWARD",
            "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** Settings with the default compatibility level. */
    public RegistrySettings(String url, int embeddedPort, Optional<String> username, Optional<Secret> password) {
        this(url, embeddedPort, username, password, DEFAULT_COMPATIBILITY);
    }

    public boolean embedded() {
        return EMBEDDED.equals(url);
    }
}
