package org.amiconnect.simulators.subeca;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/** Starts a {@link SubecaSimulator} for a {@code subeca} source; it accepts the source's {@code api_key} secret. */
public final class SubecaSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "subeca";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return SubecaSimulator.start(SubecaSimulatorOptions.defaults()
                .withUtility(source.seed(), source.meters(), source.timezone())
                .withApiKey(source.credential("api_key")));
    }
}
