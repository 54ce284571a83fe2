package org.amiconnect.loader.sink;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads from a warehouse over its connection, with the SQL of its dialect (data-quality checks use this). */
@FunctionalInterface
public interface WarehouseQuery<T> {

    T run(Connection connection, SqlDialect dialect) throws SQLException;
}
