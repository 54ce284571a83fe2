package org.amiconnect.loader.sink;

import java.util.Objects;

/** A warehouse column: a lower-case name, its type and whether it may be null. */
public record Column(String name, ColumnType type, boolean notNull) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Column name '" + name + "' is not a lower-case SQL identifier");
        }
    }

    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
