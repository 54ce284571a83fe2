package org.amiconnect.loader;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.BatchResult;
import org.amiconnect.loader.sink.WarehouseException;
import org.amiconnect.loader.sink.WarehouseSink;

/**
 * The loader's writer thread: writes one batch into the warehouse while the loop thread polls and assembles the next
 * one. It only runs {@link WarehouseSink#writeBatch}; the caller keeps at most one batch in flight and touches the
 * warehouse only after {@link #await awaiting} it, so the warehouse (one connection, not thread-safe) is used by one
 * thread at a time and batches are committed in the order they were submitted.
 */
final class BatchWriter implements AutoCloseable {

    private final ExecutorService thread;

    /** @param name the writer thread's name */
    BatchWriter(String name) {
        Objects.requireNonNull(name, "name");
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            // a stopped JVM does not wait for it: the batch's transaction is then simply not committed
            t.setDaemon(true);
            return t;
        });
    }

    /** What a write stored, and how long the writer thread took for it (waiting for the thread not included). */
    record Written(BatchResult result, long nanos) {
    }

    /** Starts writing the batch (its rows, offsets and run counts in one transaction) on the writer thread. */
    Future<Written> submit(WarehouseSink warehouse, Batch batch) {
        return thread.submit(() -> {
            long started = System.nanoTime();
            BatchResult result = warehouse.writeBatch(batch);
            return new Written(result, System.nanoTime() - started);
        });
    }

    /**
     * Waits until the write has ended, uninterruptibly: the warehouse must not be used again while a transaction may
     * still be open on the writer thread (an interrupt is kept for the caller).
     *
     * @return what the write stored
     * @throws WarehouseException (or another RuntimeException) as the write threw it: nothing of the batch is stored
     */
    static Written await(Future<Written> write) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return write.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new WarehouseException("Writing a batch failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the writer thread once a write still running has ended. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
