package org.amiconnect.simulators.sentryx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mueller Systems' Sentryx API on loopback ({@link SentryxApi}), serving a {@link
 * org.amiconnect.simulators.generator.UtilityGenerator}'s meters as devices and their hourly registers as consumption,
 * with the vendor's quirks ({@link SentryxSimulatorOptions}) and faults a test injects ({@link #faults()}).
 *
 * <pre>{@code
 * try (SentryxSimulator sentryx = SentryxSimulator.start(SentryxSimulatorOptions.defaults())) {
 *     URI api = sentryx.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class SentryxSimulator implements VendorSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(SentryxSimulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SentryxApi api;
    private final InjectedFaults faults;
    private final URI endpoint;

    private SentryxSimulator(HttpServer server, ExecutorService executor, SentryxApi api, InjectedFaults faults) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.faults = faults;
        this.endpoint = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public static SentryxSimulator start(SentryxSimulatorOptions options) {
        InjectedFaults faults = new InjectedFaults();
        SentryxApi api = new SentryxApi(options, faults);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Sentryx simulator could not bind " + options.host() + ":" + options.port(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sentryx-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", api::handle);
        server.start();
        SentryxSimulator simulator = new SentryxSimulator(server, executor, api, faults);
        LOG.info("Sentryx simulator listening on {} with {} devices ({} more unlisted) in {}", simulator.endpoint,
                options.generator().meterCount(), options.unknownDevices(), options.generator().zone());
        return simulator;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Faults the next requests are answered with (429, 5xx, 401, malformed JSON). */
    public InjectedFaults faults() {
        return faults;
    }

    /** Authenticated device pages served. */
    public int devicePages() {
        return api.devicePages();
    }

    /** Authenticated consumption pages served. */
    public int consumptionPages() {
        return api.consumptionPages();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
