package org.amiconnect.core.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the parts of a sequence (report files, query answers) on a thread of its own while the caller uses the
 * parts already fetched, so that a slow fetch and a slow use overlap, without holding more than a fixed number of
 * parts: what goes in is a {@link Source} asked for one part at a time, in order; what comes out, from {@link #next},
 * is each part in the same order, then an empty answer after the last.
 *
 * <p>At most {@code held} parts exist at a time, counting those being fetched, those fetched and waiting, and those
 * handed out and not yet given back with {@link #done}: with 2, one part is used while the next one is fetched. A
 * part taken from the source is discarded (the {@code discard} action, e.g. deleting its file) exactly once: by
 * {@link #done}, or by {@link #close()} when it was never handed back, whether it was handed out or not.
 *
 * <p>A failure of the source surfaces from {@link #next} once every part fetched before it has been handed out; the
 * source is not asked again after a failure or after its end. {@link #close()} interrupts a fetch under way and
 * asks for nothing more. Made of a single-thread executor and one {@link Future} per part ahead; one caller thread
 * at a time.
 *
 * @param <T> a part
 * @param <E> the checked exception a fetch may throw
 */
public final class ReadAhead<T, E extends Exception> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);
    /** How often a caller waiting for the next part is told so ({@code whileWaiting}). */
    private static final long WAIT_SLICE_MILLIS = 1000;
    private static final long CLOSE_WAIT_SECONDS = 30;

    /** Fetches parts one at a time, in order, on the read-ahead's thread. */
    @FunctionalInterface
    public interface Source<T, E extends Exception> {

        /**
         * The next part, or empty after the last; not called again after an empty answer or a failure.
         *
         * @throws InterruptedException when the read-ahead is closed during the fetch
         */
        Optional<T> next() throws E, InterruptedException;
    }

    private final String name;
    private final int held;
    private final Source<T, E> source;
    private final Consumer<? super T> discard;
    private final ExecutorService fetcher;

    // the caller's thread only
    private final Deque<Future<Optional<T>>> ahead = new ArrayDeque<>();
    private int handedOut;
    private boolean ended;

    // the fetching thread only
    private boolean sourceEnded;

    private final Object lock = new Object();
    /** Parts taken from the source and not yet discarded, by identity. Guarded by {@link #lock}. */
    private final List<T> undiscarded = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private final AtomicInteger mostHeld = new AtomicInteger();

    private ReadAhead(String name, int held, Source<T, E> source, Consumer<? super T> discard) {
        this.name = name;
        this.held = held;
        this.source = source;
        this.discard = discard;
        this.fetcher = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true); // a fetch that ignores interruption must not keep the process alive
            return thread;
        });
    }

    /**
     * Starts fetching the first parts at once.
     *
     * @param name names the fetching thread and log lines, e.g. {@code beacon360-reports-<org>}
     * @param held the most parts held at once (at least 1; 2 = one used, one fetched)
     * @param discard releases a part (deletes its file, or does nothing); should not throw, a failure is logged
     */
    public static <T, E extends Exception> ReadAhead<T, E> start(String name, int held, Source<T, E> source,
            Consumer<? super T> discard) {
        if (held < 1) {
            throw new IllegalArgumentException("a read-ahead holds at least one part, not " + held);
        }
        ReadAhead<T, E> readAhead = new ReadAhead<>(name, held, source, discard);
        readAhead.fill();
        return readAhead;
    }

    /**
     * The next part in order, waiting for it while it is fetched. Give it back with {@link #done} once used.
     *
     * @param whileWaiting run on the caller's thread about once a second while the wait lasts
     * @return the part, or empty after the last (and from then on)
     * @throws E the source's failure, once the parts before it were handed out
     * @throws RuntimeException the source's unchecked failure, likewise
     * @throws InterruptedException when the caller's thread is interrupted while waiting
     * @throws IllegalStateException when {@code held} parts are handed out and none given back, or after close
     */
    public Optional<T> next(Runnable whileWaiting) throws E, InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        if (isClosed()) {
            throw new IllegalStateException(name + ": read-ahead is closed");
        }
        if (ahead.isEmpty()) {
            throw new IllegalStateException(name + ": " + handedOut + " parts are handed out, the most this "
                    + "read-ahead holds; give one back with done() first");
        }
        Optional<T> part;
        try {
            part = await(ahead.peek(), whileWaiting);
        } catch (ExecutionException e) {
            ahead.poll();
            ended = true;
            throw failure(e.getCause());
        }
        ahead.poll();
        if (part.isEmpty()) {
            ended = true;
            return part;
        }
        handedOut++;
        fill();
        return part;
    }

    /** Gives back a part {@link #next} handed out: it is discarded, and the next fetch may start. */
    public void done(T part) {
        if (release(part)) {
            discardQuietly(part);
        }
        handedOut--;
        fill();
    }

    /** The most parts held at once so far (being fetched, fetched, or handed out and not given back). */
    public int mostHeld() {
        return mostHeld.get();
    }

    /**
     * Stops fetching (interrupting a fetch under way, waiting up to 30 s for it) and discards every part not given
     * back with {@link #done}, handed out or not. A part whose fetch ends after this is discarded when it ends.
     */
    @Override
    public void close() {
        List<T> left;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            left = List.copyOf(undiscarded);
            undiscarded.clear();
        }
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        fetcher.shutdownNow();
        try {
            if (!fetcher.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{}: a fetch did not stop within {} s; it is discarded when it ends", name, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        left.forEach(this::discardQuietly);
    }

    /** Asks for parts until {@code held} are held; from the caller's thread. */
    private void fill() {
        if (ended || isClosed()) {
            return;
        }
        while (ahead.size() + handedOut < held) {
            ahead.add(fetcher.submit(this::fetch));
        }
        mostHeld.accumulateAndGet(ahead.size() + handedOut, Math::max);
    }

    /** One fetch, on the fetching thread; fetches run one after another, so parts come in the source's order. */
    private Optional<T> fetch() throws E, InterruptedException {
        if (sourceEnded) {
            return Optional.empty();
        }
        Optional<T> part;
        try {
            part = source.next();
        } catch (Exception | Error e) {
            sourceEnded = true;
            throw e;
        }
        if (part.isEmpty()) {
            sourceEnded = true;
            return part;
        }
        synchronized (lock) {
            if (!closed) {
                undiscarded.add(part.get());
                return part;
            }
        }
        discardQuietly(part.get()); // closed while it was fetched: nobody takes it
        return Optional.empty();
    }

    private Optional<T> await(Future<Optional<T>> future, Runnable whileWaiting)
            throws ExecutionException, InterruptedException {
        while (true) {
            try {
                return future.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                whileWaiting.run();
            }
        }
    }

    /** The source's failure as {@link #next} throws it. */
    @SuppressWarnings("unchecked")
    private E failure(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        if (cause instanceof InterruptedException e) {
            // only close() interrupts a fetch, and next() is not called after close()
            throw new IllegalStateException(name + ": a fetch was interrupted", e);
        }
        return (E) cause; // Source.next declares only E besides the above
    }

    private boolean release(T part) {
        synchronized (lock) {
            for (int i = 0; i < undiscarded.size(); i++) {
                if (undiscarded.get(i) == part) {
                    undiscarded.remove(i);
                    return true;
                }
            }
            return false;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void discardQuietly(T part) {
        try {
            discard.accept(part);
        } catch (RuntimeException e) {
            log.warn("{}: cannot discard {}: {}", name, part, e.toString());
        }
    }
}
