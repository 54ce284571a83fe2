package org.amiconnect.cli.notify;

/** Where a notification goes: a webhook, an SNS topic. */
public interface NotificationChannel extends AutoCloseable {

    /** For log lines, e.g. {@code webhook 127.0.0.1:8099}; never holds a secret. */
    String name();

    /**
     * Delivers one (already redacted) notification.
     *
     * @throws Exception when the receiver refused it or could not be reached
     */
    void send(Notification notification) throws Exception;

    @Override
    default void close() {
    }
}
