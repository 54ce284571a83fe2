package org.amiconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The stages' scratch directories (broker logs, state, warehouses), removed after a run. */
final class TemporaryDirectories {

    private TemporaryDirectories() {
    }

    /**
     * Deletes {@code dir} and everything under it, deepest first; a file that cannot be deleted is left behind.
     *
     * @throws IOException when the tree cannot be walked
     */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
