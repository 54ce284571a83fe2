package org.amiconnect.simulators.aclara;

import java.time.Instant;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;

/**
 * Starts an {@link AclaraSimulator} for an {@code aclara} source: the last {@value #DAYS} days of files up to now,
 * served over SFTP to the source's {@code sftp_user} and {@code sftp_password} secrets.
 */
public final class AclaraSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "aclara";
    static final int DAYS = 10;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        return AclaraSimulator.start(source.seed(), source.meters(), source.timezone(), DAYS, Instant.now(), 0,
                source.credential("sftp_user"), source.credential("sftp_password"));
    }
}
