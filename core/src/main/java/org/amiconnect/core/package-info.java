/**
 * Shared foundations of every AMI Connect service: configuration, topic names, Kafka client settings, the embedded
 * broker, the adapter contracts and the normalization rules every vendor shares.
 */
package org.amiconnect.core;
