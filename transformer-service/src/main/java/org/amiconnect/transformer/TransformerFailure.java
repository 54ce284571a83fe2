package org.amiconnect.transformer;

import org.apache.kafka.streams.errors.MissingSourceTopicException;

/** Turns the error that stopped a Streams thread into a sentence an operator can act on. */
final class TransformerFailure {

    private TransformerFailure() {
    }

    /**
     * The reason the transformer stopped, naming its group and the cause.
     *
     * @param error what the stream thread threw
     * @param applicationId the Streams application id (its consumer group)
     * @return e.g. {@code a raw topic it reads is missing (deleted?): ...; start the transformer again once the topic
     *     exists (every service command creates missing topics on start)}
     */
    static String describe(Throwable error, String applicationId) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MissingSourceTopicException) {
                return "a topic the transformer (" + applicationId + ") reads is missing (deleted?): " + t.getMessage()
                        + "; start it again once the topic exists (every service command and run create missing "
                        + "topics on start)";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return "the transformer (" + applicationId + ") stopped on an unexpected error: " + message;
    }
}
