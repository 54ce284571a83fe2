package org.amiconnect.loader.sink;

/**
 * The few column types the warehouse tables use; each {@link SqlDialect} maps them to its own SQL types.
 *
 * <p>Staged values are {@code String} for TEXT, {@code Double} for DOUBLE, {@code Integer} for INTEGER, {@code Long}
 * for BIGINT and {@code Long} epoch microseconds for TIMESTAMP (an instant, stored with time zone).
 */
public enum ColumnType {
    TEXT,
    DOUBLE,
    INTEGER,
    BIGINT,
    TIMESTAMP
}
