/**
 * The Snowflake Connector for Kafka as an alternative to the loader: the configuration
 * {@code amiconnect snowflake connector-config} writes ({@link org.amiconnect.loader.connector.SnowflakeConnectorConfig}).
 */
package org.amiconnect.loader.connector;
