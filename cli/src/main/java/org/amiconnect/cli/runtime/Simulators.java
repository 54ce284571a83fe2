package org.amiconnect.cli.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.amiconnect.core.config.SimulationSettings;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.SimulatorUnavailableException;
import org.amiconnect.simulators.VendorSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a vendor simulator on loopback for every source configured with {@code simulate:}, and points the source at
 * it. Simulators are found by the source's type through {@link ServiceLoader} ({@link SimulatorProvider}). The
 * simulator accepts the source's own credentials from secrets.yaml, so the client is exercised exactly as against the
 * vendor. A simulator that cannot start because something it needs outside this process is missing
 * ({@link SimulatorUnavailableException}, e.g. the database vendors' PostgreSQL) leaves its source out, with a notice.
 */
final class Simulators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulators.class);

    private final List<VendorSimulator> running = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    List<SourceConfig> start(List<SourceConfig> sources) {
        List<SourceConfig> out = new ArrayList<>();
        for (SourceConfig source : sources) {
            if (source.simulate().isEmpty()) {
                out.add(source);
                continue;
            }
            SimulationSettings sim = source.simulate().get();
            SimulatorProvider provider = provider(source.type()).orElseThrow(() -> new IllegalArgumentException(
                    "sources '" + source.orgId() + "': no simulator exists for type " + source.type()
                            + "; remove its simulate: section"));
            VendorSimulator simulator;
            try {
                simulator = provider.start(new SimulatedSource(sim.seed(), sim.meters(), source.timezone(),
                        credentials(source)));
            } catch (SimulatorUnavailableException e) {
                String notice = "source '" + source.orgId() + "' (" + source.type() + ") skipped: its simulator is "
                        + "unavailable: " + e.getMessage();
                log.warn("{}", notice);
                skipped.add(notice);
                continue;
            }
            running.add(simulator);
            log.info("Simulating {} source '{}' ({} meters, seed {}) at {}", source.type(), source.orgId(),
                    sim.meters(), sim.seed(), simulator.endpoint());
            out.add(source.withEndpoint(simulator.endpoint()));
        }
        return out;
    }

    /** One line per simulated source left out because its simulator could not start (e.g. no PostgreSQL). */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    private static Optional<SimulatorProvider> provider(String type) {
        return ServiceLoader.load(SimulatorProvider.class, SimulatorProvider.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals(type))
                .findFirst();
    }

    /** The source's secrets, revealed for the simulator that must accept them (never logged). */
    private static Map<String, String> credentials(SourceConfig source) {
        Map<String, String> credentials = new LinkedHashMap<>();
        source.settings().secrets().forEach((key, secret) -> credentials.put(key, secret.reveal()));
        return credentials;
    }

    @Override
    public void close() {
        for (VendorSimulator simulator : running) {
            try {
                simulator.close();
            } catch (RuntimeException e) {
                log.warn("Could not stop a simulator: {}", e.getMessage());
            }
        }
        running.clear();
    }
}
