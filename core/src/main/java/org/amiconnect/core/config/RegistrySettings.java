package org.amiconnect.core.config;

import java.util.Optional;

/**
 * Where Avro schemas are registered.
 *
 * @param url {@code embedded} (schemas kept in a compacted topic of the cluster and, under {@code amiconnect run},
 *     served over REST on loopback) or the http(s) URL of a Confluent-compatible registry
 * @param embeddedPort port of the embedded registry's REST endpoint
 */
public record RegistrySettings(String url, int embeddedPort, Optional<String> username, Optional<Secret> password) {

    public static final String EMBEDDED = "embedded";

    public boolean embedded() {
        return EMBEDDED.equals(url);
    }
}
