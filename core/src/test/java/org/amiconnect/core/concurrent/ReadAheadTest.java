package org.amiconnect.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts are files written into a folder by the source and deleted by the discard action, as report downloads are. */
class ReadAheadTest {

    private static final Runnable NOTHING = () -> { };

    @TempDir
    Path dir;

    /** Writes part 1, 2, … as files, {@code parts} in all; counts the fetches. */
    private final class Files1ToN implements ReadAhead.Source<Path, IOException> {
        final int parts;
        final AtomicInteger fetched = new AtomicInteger();

        Files1ToN(int parts) {
            this.parts = parts;
        }

        @Override
        public Optional<Path> next() throws IOException, InterruptedException {
            int n = fetched.get() + 1;
            if (n > parts) {
                return Optional.empty();
            }
            Path file = Files.writeString(dir.resolve("part-" + n), "part " + n);
            fetched.incrementAndGet();
            return Optional.of(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> filesLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void handsOutEveryPartInTheSourcesOrderAndDiscardsEachOnceGivenBack() throws Exception {
        List<String> seen = new ArrayList<>();

        try (ReadAhead<Path, IOException> parts = ReadAhead.start("test", 2, new Files1ToN(10), ReadAheadTest::delete)) {
            for (Optional<Path> part; (part = parts.next(NOTHING)).isPresent(); ) {
                seen.add(Files.readString(part.get(), StandardCharsets.UTF_8));
                parts.done(part.get());
            }
            assertThat(parts.next(NOTHING)).as("after the end").isEmpty();
        }

        assertThat(seen).containsExactly("part 1", "part 2", "part 3", "part 4", "part 5", "part 6", "part 7",
                "part 8", "part 9", "part 10");
        assertThat(filesLeft()).isEmpty();
    }

    @Test
    void fetchesAheadWhileAPartIsUsedButNeverHoldsMoreThanItsLimit() throws Exception {
        for (int held : new int[] {1, 2, 3}) {
            Files1ToN source = new Files1ToN(8);
            AtomicInteger mostOnDisk = new AtomicInteger();

            try (ReadAhead<Path, IOException> parts = ReadAhead.start("test", held, source, ReadAheadTest::delete)) {
                for (Optional<Path> part; (part = parts.next(NOTHING)).isPresent(); ) {
                    int index = Integer.parseInt(part.get().getFileName().toString().substring("part-".length()));
                    // while this part is used, the fetches ahead of it complete, and stop at the limit
                    int expected = Math.min(8, index + held - 1);
                    await().atMost(Duration.ofSeconds(10)).until(() -> source.fetched.get() >= expected);
                    Thread.sleep(50);
                    assertThat(source.fetched.get()).as("fetched while part %d is used, holding %d", index, held)
                            .isEqualTo(expected);
                    mostOnDisk.accumulateAndGet(filesLeft().size(), Math::max);
                    parts.done(part.get());
                }
                assertThat(parts.mostHeld()).isEqualTo(held);
            }

            assertThat(mostOnDisk.get()).isEqualTo(held);
            assertThat(filesLeft()).isEmpty();
        }
    }

    @Test
    void aFailedFetchSurfacesAfterThePartsBeforeItWereHandedOutAndTheSourceIsNotAskedAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Files1ToN files = new Files1ToN(10);
        ReadAhead.Source<Path, IOException> failingThird = () -> {
            if (calls.incrementAndGet() == 3) {
                throw new IOException("HTTP 500 on part 3");
            }
            return files.next();
        };
        List<Path> handed = new ArrayList<>();

        try (ReadAhead<Path, IOException> parts = ReadAhead.start("test", 3, failingThird, ReadAheadTest::delete)) {
            handed.add(parts.next(NOTHING).orElseThrow());
            handed.add(parts.next(NOTHING).orElseThrow());
            parts.done(handed.get(0));
            assertThatThrownBy(() -> parts.next(NOTHING)).isInstanceOf(IOException.class)
                    .hasMessage("HTTP 500 on part 3");
            assertThat(parts.next(NOTHING)).as("after the failure").isEmpty();
            assertThat(filesLeft()).as("part 2 is still the caller's").containsExactly("part-2");
        }

        assertThat(handed).extracting(p -> p.getFileName().toString()).containsExactly("part-1", "part-2");
        assertThat(calls.get()).as("not asked again after the failure").isEqualTo(3);
        assertThat(filesLeft()).as("close discards the part handed out and not given back").isEmpty();
    }

    @Test
    void closeInterruptsTheFetchUnderWayAndDiscardsWhatWasFetchedButNotGivenBack() throws Exception {
        Files1ToN files = new Files1ToN(10);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch third = new CountDownLatch(1);
        ReadAhead.Source<Path, IOException> hangingThird = () -> {
            if (files.fetched.get() == 2) {
                third.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            return files.next();
        };

        ReadAhead<Path, IOException> parts = ReadAhead.start("test", 3, hangingThird, ReadAheadTest::delete);
        Path first = parts.next(NOTHING).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> third.getCount() == 0);
        assertThat(filesLeft()).containsExactly("part-1", "part-2");
        parts.close();

        assertThat(interrupted).isTrue();
        assertThat(filesLeft()).as("part 1 handed out, part 2 fetched ahead: both discarded").isEmpty();
        parts.done(first); // given back after close: discarded once only, no failure
        assertThatThrownBy(() -> parts.next(NOTHING)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPartWhoseFetchEndsAfterCloseIsDiscardedWhenItEnds() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch fetching = new CountDownLatch(1);
        ReadAhead.Source<Path, IOException> ignoringInterrupts = () -> {
            fetching.countDown();
            while (true) {
                try {
                    closed.await();
                    break;
                } catch (InterruptedException e) {
                    // a fetch that does not stop when asked
                }
            }
            return Optional.of(Files.writeString(dir.resolve("late"), "late"));
        };

        ReadAhead<Path, IOException> parts = ReadAhead.start("test", 1, ignoringInterrupts, ReadAheadTest::delete);
        fetching.await();
        Thread closer = new Thread(parts::close);
        closer.start();
        Thread.sleep(100);
        closed.countDown();
        closer.join();

        await().atMost(Duration.ofSeconds(10)).until(() -> filesLeft().isEmpty());
    }

    @Test
    void aCallerWhoKeepsEveryPartIsToldToGiveOneBack() throws Exception {
        try (ReadAhead<Path, IOException> parts = ReadAhead.start("test", 1, new Files1ToN(3), ReadAheadTest::delete)) {
            parts.next(NOTHING).orElseThrow();

            assertThatThrownBy(() -> parts.next(NOTHING)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("give one back with done() first");
        }
        assertThat(filesLeft()).isEmpty();
    }

    @Test
    void theCallerIsToldWhileItWaitsForASlowFetch() throws Exception {
        AtomicInteger told = new AtomicInteger();
        ReadAhead.Source<String, RuntimeException> slow = new ReadAhead.Source<>() {
            boolean given;

            @Override
            public Optional<String> next() throws InterruptedException {
                if (given) {
                    return Optional.empty();
                }
                given = true;
                Thread.sleep(2_500);
                return Optional.of("slow");
            }
        };

        try (ReadAhead<String, RuntimeException> parts = ReadAhead.start("test", 2, slow, p -> { })) {
            assertThat(parts.next(told::incrementAndGet)).contains("slow");
        }

        assertThat(told.get()).isBetween(1, 3);
    }
}
