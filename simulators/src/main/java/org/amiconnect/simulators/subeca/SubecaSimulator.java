package org.amiconnect.simulators.subeca;

import java.net.URI;

import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.amiconnect.simulators.rest.LoopbackHttpServer;
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

    private final LoopbackHttpServer server;
    private final SubecaApi api;
    private final InjectedFaults faults;
    private final UtilityGenerator generator;

    private SubecaSimulator(LoopbackHttpServer server, SubecaApi api, InjectedFaults faults,
            UtilityGenerator generator) {
        this.generator = generator;
        this.server = server;
        this.api = api;
        this.faults = faults;
    }

    public static SubecaSimulator start(SubecaSimulatorOptions options) {
        InjectedFaults faults = new InjectedFaults();
        SubecaApi api = new SubecaApi(options, faults);
        LoopbackHttpServer server = LoopbackHttpServer.start("Subeca", options.host(), options.port(), api::handle);
        SubecaSimulator simulator = new SubecaSimulator(server, api, faults, options.generator());
        LOG.info("Subeca simulator listening on {} with {} accounts with a device and {} without", simulator.endpoint(),
                options.generator().meterCount(), options.vacantAccounts());
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
        server.close();
    }
}
