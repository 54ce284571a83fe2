package org.amiconnect.cli.commands;

import org.amiconnect.cli.runtime.Infrastructure.RegistryEndpoint;

import picocli.CommandLine.Option;

/**
 * {@code --serve-registry[=[HOST:]PORT]}: a service command also serves the embedded schema registry's REST API, so
 * that clients of other processes (Confluent deserializers, the Snowflake connector, registry UIs) have a
 * {@code schema.registry.url} when no {@code amiconnect run} is there to serve it.
 */
public final class ServeRegistryOption {

    @Option(names = "--serve-registry", arity = "0..1", fallbackValue = "127.0.0.1:8081", paramLabel = "[HOST:]PORT",
            description = "Also serve the embedded schema registry's REST API (schema-registry.url: embedded) on "
                    + "HOST:PORT (no option value: ${FALLBACK-VALUE}; use 0.0.0.0:8081 in a container; no "
                    + "authentication).")
    String endpoint;

    /** Where to serve the registry, or null when the option is absent. */
    public RegistryEndpoint endpoint() {
        return endpoint == null ? null : RegistryEndpoint.parse(endpoint);
    }
}
