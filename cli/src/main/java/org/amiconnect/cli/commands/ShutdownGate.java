package org.amiconnect.cli.commands;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
        log.info("{} running; press Ctrl-C to stop", name);
        while (!stop.await(everySeconds, TimeUnit.SECONDS)) {
            String line = progress.get();
            if (line != null) {
                log.info("{}: {}", name, line);
            }
        }
        log.info("{} stopping", name);
    }

    @Override
    public void close() {
        stopped.countDown();
    }
}
