package org.amiconnect.loader.sink;

import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SinkConfig;

/** Opens the warehouse a sink of config.yaml describes. */
public final class WarehouseSinks {

    private WarehouseSinks() {
    }

    public static WarehouseSink open(SinkConfig sink) {
        return switch (sink.type()) {
            case "duckdb" -> new DuckDbSink(sink.path());
            case "postgresql" -> new PostgresSink(sink.url().orElseThrow(() -> new IllegalArgumentException(
                    "sink " + sink.id() + ": a postgresql sink needs a url")), secret(sink, "user").orElse(null),
                    secret(sink, "password").orElse(null));
            case "snowflake" -> new SnowflakeSink(snowflakeCredentials(sink));
            default -> throw new UnsupportedOperationException("sink " + sink.id() + ": the loader cannot write to '"
                    + sink.type() + "' sinks; supported: duckdb, postgresql, snowflake");
        };
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

    private static Optional<String> secret(SinkConfig sink, String key) {
        Secret s = sink.secrets().get(key);
        return s == null ? Optional.empty() : Optional.of(s.reveal());
    }
}
