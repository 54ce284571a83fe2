package org.amiconnect.extractor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real embedded broker for every integration test class of the module (each test class uses its own topic
 * prefix): starting a broker costs seconds on a small machine. Closed when the test run ends.
 */
public final class SharedBroker implements BeforeAllCallback {

    private static volatile EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedBroker.class, k -> new Holder(), Holder.class);
    }

    static EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedBroker.class)");
        }
        return broker;
    }

    private static final class Holder implements AutoCloseable {

        private final Path dir;

        Holder() {
            try {
                dir = Files.createTempDirectory("extractor-it-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedKafkaBroker.start(dir, 0, 0);
        }

        @Override
        public void close() throws IOException {
            broker.close();
            broker = null;
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
