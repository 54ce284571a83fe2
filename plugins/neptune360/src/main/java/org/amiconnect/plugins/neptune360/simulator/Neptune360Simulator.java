package org.amiconnect.plugins.neptune360.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.amiconnect.simulators.VendorSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neptune 360 API as this plug-in models it, on loopback (see {@link Neptune360Api} for the protocol and
 * {@link SiteListings} for the items), fed by the host's seeded generator. Tests can make the next listing answers
 * fail ({@link #failNextListings}) or come back as broken JSON ({@link #malformNextListings}).
 *
 * <pre>{@code
 * try (Neptune360Simulator neptune = Neptune360Simulator.start(Neptune360SimulatorOptions.defaults())) {
 *     URI api = neptune.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class Neptune360Simulator implements VendorSimulator {

    private static final Logger log = LoggerFactory.getLogger(Neptune360Simulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Neptune360Api api;
    private final URI endpoint;

    private Neptune360Simulator(HttpServer server, ExecutorService executor, Neptune360Api api, URI endpoint) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.endpoint = endpoint;
    }

    /** Starts serving; the caller closes the simulator. */
    public static Neptune360Simulator start(Neptune360SimulatorOptions options) {
        Neptune360Api api = new Neptune360Api(options);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Neptune 360 simulator could not bind " + options.host() + ":"
                    + options.port(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "neptune360-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", api::handle);
        server.start();
        URI endpoint = URI.create("http://" + options.host() + ":" + server.getAddress().getPort());
        log.info("Neptune 360 simulator listening on {} with {} meters in {}", endpoint,
                options.generator().meterCount(), options.generator().zone());
        return new Neptune360Simulator(server, executor, api, endpoint);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Tokens issued so far. */
    public int tokensIssued() {
        return api.tokensIssued();
    }

    /** Authenticated listing requests so far, including those answered with an injected failure. */
    public int listingRequests() {
        return api.listingRequests();
    }

    /**
     * The next {@code count} authenticated listing requests answer {@code status} (a 429 with {@code Retry-After: 0}).
     */
    public void failNextListings(int status, int count) {
        api.failNext(status, count);
    }

    /** The next {@code count} authenticated listing requests answer 200 with a truncated JSON body. */
    public void malformNextListings(int count) {
        api.malformNext(count);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Neptune 360 simulator on {} stopped", endpoint);
    }
}
