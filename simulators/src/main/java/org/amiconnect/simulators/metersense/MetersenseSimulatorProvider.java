package org.amiconnect.simulators.metersense;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.database.ScratchDatabase;

/**
 * Starts a {@link MetersenseSimulator} for a {@code metersense} source: a scratch schema on the local PostgreSQL
 * (127.0.0.1:5432, user postgres; or the server of the system property {@code amiconnect.simulators.postgres})
 * holding the last four days of reads, behind a simulated bastion that accepts the source's {@code
 * ssh_tunnel_username} with its {@code ssh_tunnel_password} or {@code ssh_tunnel_private_key}. When PostgreSQL is
 * not there it throws {@link org.amiconnect.simulators.SimulatorUnavailableException}.
 */
public final class MetersenseSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "metersense";

    /** The standard extract covers three days; one more for reads the window's start reaches back to. */
    static final Duration READS = Duration.ofDays(4);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        return MetersenseSimulator.start(source, ScratchDatabase.simulatorServer(), now.minus(READS), now);
    }
}
