package org.amiconnect.simulators.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server bound for a REST simulator: one handler at {@code /}, four daemon threads named after the
 * simulator, stopped at once on {@link #close()}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /**
     * Binds {@code host:port} (port 0: a free one) and starts serving {@code handler}.
     *
     * @param name the simulator's name, for its threads ({@code <name>-simulator-N}) and the bind error
     * @throws UncheckedIOException when the address cannot be bound, naming the simulator and the address
     */
    public static LoopbackHttpServer start(String name, String host, int port, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " simulator could not bind " + host + ":" + port, e);
        }
        String threadPrefix = name.toLowerCase(Locale.ROOT) + "-simulator-";
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threadPrefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    /** {@code http://host:port} of the bound server. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
