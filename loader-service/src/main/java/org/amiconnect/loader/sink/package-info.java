/**
 * Warehouse sinks: DuckDB (embedded default), PostgreSQL and Snowflake. {@link org.amiconnect.loader.sink.WarehouseSink}
 * is the contract; the staging-and-merge loading logic lives once in
 * {@link org.amiconnect.loader.sink.JdbcWarehouseSink}, and every SQL difference between warehouses lives in a
 * {@link org.amiconnect.loader.sink.SqlDialect}. Each warehouse is a
 * {@link org.amiconnect.loader.sink.WarehouseProvider} found with {@link java.util.ServiceLoader};
 * {@link org.amiconnect.loader.sink.WarehouseSinks} opens sinks and finds dialects through them. Tables: {@code readings} (merged by org, device and flowtime),
 * {@code meters} (SCD type 2), {@code ami_consumer_offsets}, {@code ami_run_loads} and {@code ami_load_events} (the
 * loader's own state) and one raw table per {@link org.amiconnect.core.adapter.RawEntity}.
 */
package org.amiconnect.loader.sink;
