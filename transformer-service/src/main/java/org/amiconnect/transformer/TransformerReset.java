package org.amiconnect.transformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;

/**
 * What resetting the transformer removes besides its input offsets, as Kafka's Streams application reset tool does:
 * the application's internal topics (state store changelogs, repartition topics) and its local state directory. After
 * both, the stores start empty, so re-read raw records are normalized, merged and de-duplicated from scratch.
 */
public final class TransformerReset {

    private TransformerReset() {
    }

    /** The internal topics of application {@code applicationId}: {@code <id>-…-changelog} and {@code -repartition}. */
    public static List<String> internalTopics(Admin admin, String applicationId) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(applicationId + "-"))
                    .filter(t -> t.endsWith("-changelog") || t.endsWith("-repartition"))
                    .sorted().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code topics} and waits until the brokers confirm. */
    public static void deleteTopics(Admin admin, List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot delete " + topics + ": " + e.getMessage(), e);
        }
    }

    /** Where Kafka Streams keeps this application's local stores under the configured state directory. */
    public static Path localState(Path stateDir, String applicationId) {
        return stateDir.resolve(applicationId);
    }

    /** Deletes the application's local state; a missing directory is fine. */
    public static void deleteLocalState(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the transformer's local state " + dir, e);
        }
    }
}
