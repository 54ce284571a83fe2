package org.amiconnect.simulators.beacon360;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts a {@link Beacon360Simulator} for a {@code beacon_360} source; it accepts the source's {@code user} and
 * {@code password} secrets over HTTP Basic, as the vendor does.
 */
public final class Beacon360SimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "beacon_360";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                .withUtility(source.seed(), source.meters(), source.timezone())
                .withCredentials(source.credential("user"), source.credential("password")));
    }
}
