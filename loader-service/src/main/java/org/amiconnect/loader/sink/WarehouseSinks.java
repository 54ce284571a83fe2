package org.amiconnect.loader.sink;

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
                    "sink " + sink.id() + ": a postgresql sink needs a url")), secret(sink, "user"), secret(sink, "password"));
            default -> throw new UnsupportedOperationException("sink " + sink.id() + ": the loader cannot write to '"
                    + sink.type() + "' sinks yet; supported: duckdb, postgresql");
        };
    }

    private static String secret(SinkConfig sink, String key) {
        Secret s = sink.secrets().get(key);
        return s == null ? null : s.reveal();
    }
}
