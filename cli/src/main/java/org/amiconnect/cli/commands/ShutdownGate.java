package org.amiconnect.cli.commands;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.amiconnect.core.health.ServiceHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a clean stop: the shutdown hook only signals the command and then waits until
 * the command has closed its services. Open it as the FIRST resource of a try-with-resources block so that it is
 * closed last, after every service.
 */
public final class ShutdownGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShutdownGate.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static ShutdownGate install(String name) {
        ShutdownGate gate = new ShutdownGate();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gate.stop.countDown();
            try {
                gate.stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown"));
        return gate;
    }

    /** Blocks until a stop is requested, reporting progress every {@code everySeconds}. */
    public void await(String name, long everySeconds, Supplier<String> progress) throws InterruptedException {
        await(name, everySeconds, progress, new ServiceHealth());
    }

    /**
     * Blocks until a stop is requested or a hosted service stops for good, reporting progress every
     * {@code everySeconds} and asking {@code health} every second.
     *
     * @return the first service that stopped for good (the command then closes the others and exits non-zero), or
     *     empty after a requested stop
     */
    public Optional<ServiceHealth.Status> await(String name, long everySeconds, Supplier<String> progress,
            ServiceHealth health) throws InterruptedException {
        log.info("{} running; press Ctrl-C to stop", name);
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(everySeconds);
        while (!stop.await(1, TimeUnit.SECONDS)) {
            Optional<ServiceHealth.Status> failed = health.firstFailure();
            if (failed.isPresent()) {
                log.error("{}: the {} stopped for good ({}); stopping the process so that its supervisor restarts it",
                        name, failed.get().service(), failed.get().reason());
                return failed;
            }
            if (System.nanoTime() - nextProgress >= 0) {
                nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(everySeconds);
                String line = progress.get();
                if (line != null) {
                    log.info("{}: {}", name, line);
                }
            }
        }
        log.info("{} stopping", name);
        return Optional.empty();
    }

    @Override
    public void close() {
        stopped.countDown();
    }
}
