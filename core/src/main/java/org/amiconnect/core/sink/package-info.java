/**
 * The consume loop of sinks, written once: {@link org.amiconnect.core.sink.SinkLoop} polls, positions partitions at
 * the offsets a sink stored, retries, handles rebalances and stops; a sink implements only
 * {@link org.amiconnect.core.sink.SinkTask} (what to do with each poll, and where its offsets are stored). The split
 * follows Kafka Connect's {@code SinkTask} and {@code WorkerSinkTask}. The archiver and the loader are its users.
 */
package org.amiconnect.core.sink;
