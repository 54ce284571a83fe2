package org.amiconnect.loader.sink;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SinkConfig;

/**
 * Opens the warehouse a sink of config.yaml describes, and finds the SQL dialect of a sink type, through the
 * {@link WarehouseProvider}s on the class path.
 */
public final class WarehouseSinks {

    private WarehouseSinks() {
    }

    /** The providers by sink type, found once. */
    private static final class Providers {
        static final Map<String, WarehouseProvider> BY_TYPE = load();

        private static Map<String, WarehouseProvider> load() {
            Map<String, WarehouseProvider> byType = new TreeMap<>();
            for (WarehouseProvider p : ServiceLoader.load(WarehouseProvider.class,
                    WarehouseSinks.class.getClassLoader())) {
                WarehouseProvider previous = byType.putIfAbsent(p.sinkType(), p);
                if (previous != null && previous.getClass() != p.getClass()) {
                    throw new IllegalStateException("Two warehouse providers claim sink type '" + p.sinkType() + "': "
                            + previous.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            return byType;
        }
    }

    /** The sink types that have a provider, in alphabetical order: {@code duckdb, postgresql, snowflake}. */
    public static Collection<String> sinkTypes() {
        return Providers.BY_TYPE.keySet();
    }

    /**
     * Opens the warehouse of a sink.
     *
     * @throws UnsupportedOperationException when no provider has the sink's type
     * @throws IllegalArgumentException when config.yaml or secrets.yaml lacks a value the warehouse needs
     */
    public static WarehouseSink open(SinkConfig sink) {
        WarehouseProvider provider = Providers.BY_TYPE.get(sink.type());
        if (provider == null) {
            throw new UnsupportedOperationException("sink " + sink.id() + ": the loader cannot write to '"
                    + sink.type() + "' sinks; supported: " + String.join(", ", sinkTypes()));
        }
        return provider.open(sink);
    }

    /**
     * The dialect of a sink type in config.yaml, in any case.
     *
     * @throws IllegalArgumentException when no provider has the type
     */
    public static SqlDialect dialect(String sinkType) {
        WarehouseProvider provider = Providers.BY_TYPE.get(sinkType.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new IllegalArgumentException("No SQL dialect for sink type '" + sinkType + "'; supported: "
                    + String.join(", ", sinkTypes()));
        }
        return provider.dialect();
    }

    /** The Snowflake account, identity and context from secrets.yaml {@code sinks.<id>}. */
    public static SnowflakeSink.Credentials snowflakeCredentials(SinkConfig sink) {
        try {
            return new SnowflakeSink.Credentials(required(sink, "account"), required(sink, "user"),
                    secret(sink, "role").orElse(null), secret(sink, "warehouse").orElse(null),
                    secret(sink, "database").orElse(null), secret(sink, "schema").orElse(null),
                    secret(sink, "ssh_key"), secret(sink, "ssh_key_passphrase"), secret(sink, "password"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sink " + sink.id() + ": " + e.getMessage(), e);
        }
    }

    private static String required(SinkConfig sink, String key) {
        return secret(sink, key).orElseThrow(() -> new IllegalArgumentException("secrets.yaml sinks." + sink.id()
                + "." + key + " is missing"));
    }

    /** A secret of secrets.yaml {@code sinks.<id>}, revealed. */
    static Optional<String> secret(SinkConfig sink, String key) {
        Secret s = sink.secrets().get(key);
        return s == null ? Optional.empty() : Optional.of(s.reveal());
    }
}
