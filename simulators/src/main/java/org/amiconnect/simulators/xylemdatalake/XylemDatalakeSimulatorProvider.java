package org.amiconnect.simulators.xylemdatalake;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts a {@link XylemDatalakeSimulator} for a {@code xylem_datalake} source; its login form accepts the source's
 * {@code username} and {@code password} secrets. Simulators are not told a source's other settings, so it serves the
 * defaults of {@link XylemDatalakeSimulatorOptions}: a simulated source names agency
 * {@value XylemDatalakeSimulatorOptions#DEFAULT_AGENCY}, database {@value XylemDatalakeSimulatorOptions#DEFAULT_DATABASE_ID}
 * and client {@value XylemDatalakeSimulatorOptions#DEFAULT_CLIENT_ID} (as config/config.yaml's example does).
 */
public final class XylemDatalakeSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "xylem_datalake";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return XylemDatalakeSimulator.start(XylemDatalakeSimulatorOptions.defaults()
                .withUtility(source.seed(), source.meters(), source.timezone())
                .withCredentials(source.credential("username"), source.credential("password")));
    }
}
