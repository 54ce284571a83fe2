package org.amiconnect.simulators.subeca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A utility's Subeca API on loopback ({@link SubecaApi}), serving a {@link UtilityGenerator}'s
 * meters as accounts with a device each, their hourly use as
 * usages and each device's latest register, with the vendor's quirks ({@link SubecaSimulatorOptions}) and faults a
 * test injects ({@link #faults()}).
 *
 * <pre>{@code
 * try (SubecaSimulator subeca = SubecaSimulator.start(SubecaSimulatorOptions.defaults())) {
 *     URI api = subeca.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class SubecaSimulator implements VendorSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(SubecaSimulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SubecaApi api;
    private final InjectedFaults faults;
    private final URI endpoint;
    private final UtilityGenerator generator;

    private SubecaSimulator(HttpServer server, ExecutorService executor, SubecaApi api, InjectedFaults faults,
            UtilityGenerator generator) {
        this.generator = generator;
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.faults = faults;
        this.endpoint = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public static SubecaSimulator start(SubecaSimulatorOptions options) {
        InjectedFaults faults = new InjectedFaults();
        SubecaApi api = new SubecaApi(options, faults);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Subeca simulator could not bind " + options.host() + ":" + options.port(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "subeca-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", api::handle);
        server.start();
        SubecaSimulator simulator = new SubecaSimulator(server, executor, api, faults, options.generator());
        LOG.info("Subeca simulator listening on {} with {} accounts with a device and {} without", simulator.endpoint,
                options.generator().meterCount(), options.vacantAccounts());
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

    /** Authenticated account list pages served. */
    public int accountPages() {
        return api.accountPages();
    }

    /** Authenticated usage requests served. */
    public int usageRequests() {
        return api.usageRequests();
    }

    /** The device id the simulator gives meter {@code index} of its generator. */
    public String deviceIdOf(int index) {
        return SubecaApi.deviceId(generator.meter(index));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
