package org.amiconnect.simulators.sentryx;

import java.net.URI;

import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.amiconnect.simulators.rest.LoopbackHttpServer;
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

    private final LoopbackHttpServer server;
    private final SentryxApi api;
    private final InjectedFaults faults;

    private SentryxSimulator(LoopbackHttpServer server, SentryxApi api, InjectedFaults faults) {
        this.server = server;
        this.api = api;
        this.faults = faults;
    }

    public static SentryxSimulator start(SentryxSimulatorOptions options) {
        InjectedFaults faults = new InjectedFaults();
        SentryxApi api = new SentryxApi(options, faults);
        LoopbackHttpServer server = LoopbackHttpServer.start("Sentryx", options.host(), options.port(), api::handle);
        SentryxSimulator simulator = new SentryxSimulator(server, api, faults);
        LOG.info("Sentryx simulator listening on {} with {} devices ({} more unlisted) in {}", simulator.endpoint(),
                options.generator().meterCount(), options.unknownDevices(), options.generator().zone());
        return simulator;
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
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
        server.close();
    }
}
