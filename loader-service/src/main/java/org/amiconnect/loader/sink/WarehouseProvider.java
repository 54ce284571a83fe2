package org.amiconnect.loader.sink;

import org.amiconnect.core.config.SinkConfig;

/**
 * One kind of warehouse the loader writes to, under its sink type in config.yaml. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.amiconnect.loader.sink.WarehouseProvider}), as
 * kafka-connect-jdbc's {@code DatabaseDialects} finds its dialect providers: a new warehouse adds a provider and
 * changes no switch. {@link WarehouseSinks} looks them up.
 */
public interface WarehouseProvider {

    /** The sink type in config.yaml, in lower case, e.g. {@code duckdb}: its dialect's. */
    default String sinkType() {
        return dialect().sinkType();
    }

    /** The warehouse's SQL: a new, stateless dialect. */
    SqlDialect dialect();

    /**
     * Opens the warehouse a sink of this type describes.
     *
     * @throws IllegalArgumentException when config.yaml or secrets.yaml lacks a value the warehouse needs
     * @throws WarehouseException when the warehouse cannot be reached
     */
    WarehouseSink open(SinkConfig sink);
}
