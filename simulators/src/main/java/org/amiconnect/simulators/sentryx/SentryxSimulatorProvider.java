package org.amiconnect.simulators.sentryx;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts a {@link SentryxSimulator} for a {@code sentryx} source: it accepts the source's {@code api_key} secret and
 * serves any utility name (the source's {@code utility_name} is not part of what a simulator is told).
 */
public final class SentryxSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "sentryx";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return SentryxSimulator.start(SentryxSimulatorOptions.defaults()
                .withUtility(source.seed(), source.meters(), source.timezone())
                .withCredentials(SentryxSimulatorOptions.ANY_UTILITY, source.credential("api_key")));
    }
}
