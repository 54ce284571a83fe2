package org.amiconnect.plugins.neptune360.simulator;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts a {@link Neptune360Simulator} for a {@code neptune} source ({@code simulate:} in config.yaml); it accepts the
 * source's {@code site_id}, {@code api_key}, {@code client_id} and {@code client_secret} secrets.
 */
public final class Neptune360SimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not use the adapter's code. */
    public static final String TYPE = "neptune";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return Neptune360Simulator.start(Neptune360SimulatorOptions.defaults()
                .withUtility(source.seed(), source.meters(), source.timezone())
                .withCredentials(source.credential("site_id"), source.credential("api_key"),
                        source.credential("client_id"), source.credential("client_secret")));
    }
}
