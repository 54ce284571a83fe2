package org.amiconnect.simulators.moultonniguel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.database.ScratchDatabase;

/**
 * Starts a {@link MoultonNiguelSimulator} for an {@code xylem_moulton_niguel} source: a scratch schema on the local
 * PostgreSQL (127.0.0.1:5432, user postgres; or the server of the system property {@code
 * amiconnect.simulators.postgres}) holding the last seven days of reads, behind a simulated bastion that accepts the
 * source's {@code ssh_tunnel_username} with its {@code ssh_tunnel_password} or {@code ssh_tunnel_private_key}. When
 * PostgreSQL is not there it throws {@link org.amiconnect.simulators.SimulatorUnavailableException}.
 */
public final class MoultonNiguelSimulatorProvider implements SimulatorProvider {

    /** The adapter's config type, spelled out here: the simulator does not depend on the adapter. */
    public static final String TYPE = "xylem_moulton_niguel";

    /** The standard extract covers six days; one more for the window's start. */
    static final Duration READS = Duration.ofDays(7);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VendorSimulator start(SimulatedSource source) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        return MoultonNiguelSimulator.start(source, ScratchDatabase.simulatorServer(), now.minus(READS), now);
    }
}
