/**
 * Shared foundations of every AMI Connect service: configuration, topic names, Kafka client settings and the
 * compacted-topic reader, the adapter contracts and the normalization rules every vendor shares. Inside core,
 * {@code adapter} depends on {@code config}, never the other way: configuration sees a vendor only as a
 * {@link org.amiconnect.core.config.SourceType}.
 */
package org.amiconnect.core;
