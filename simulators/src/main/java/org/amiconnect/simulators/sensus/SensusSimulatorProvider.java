package org.amiconnect.simulators.sensus;

import java.time.Instant;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts a {@link SensusSimulator} for an {@code xylem_sensus} source: the last {@value #DAYS} days of CMEP files up
 * to now, served over SFTP to the source's {@code sftp_user} and {@code sftp_password} secrets.
 */
public final class SensusSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "xylem_sensus";
    static final int DAYS = 10;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return SensusSimulator.start(source.seed(), source.meters(), source.timezone(), DAYS, Instant.now(), 0,
                source.credential("sftp_user"), source.credential("sftp_password"));
    }
}
