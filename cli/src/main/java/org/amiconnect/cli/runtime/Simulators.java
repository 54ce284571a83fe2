package org.amiconnect.cli.runtime;

import java.util.ArrayList;
import java.util.List;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.config.SimulationSettings;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a vendor simulator on loopback for every source configured with {@code simulate:}, and points the source at
 * it. The simulator accepts the source's own credentials from secrets.yaml, so the client is exercised exactly as
 * against the vendor.
 */
final class Simulators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulators.class);

    private final List<AutoCloseable> running = new ArrayList<>();

    List<SourceConfig> start(List<SourceConfig> sources) {
        List<SourceConfig> out = new ArrayList<>();
        for (SourceConfig source : sources) {
            if (source.simulate().isEmpty()) {
                out.add(source);
                continue;
            }
            SimulationSettings sim = source.simulate().get();
            switch (source.type()) {
                case Beacon360Adapter.TYPE -> {
                    Beacon360Settings settings = source.settings(Beacon360Settings.class);
                    Beacon360Simulator simulator = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                            .withUtility(sim.seed(), sim.meters(), source.timezone())
                            .withCredentials(settings.user().reveal(), settings.password().reveal()));
                    running.add(simulator);
                    log.info("Simulating beacon_360 source '{}' ({} meters, seed {}) at {}", source.orgId(), sim.meters(),
                            sim.seed(), simulator.baseUrl());
                    out.add(source.withEndpoint(simulator.baseUrl()));
                }
                default -> throw new IllegalArgumentException("sources '" + source.orgId() + "': no simulator exists "
                        + "for type " + source.type() + "; remove its simulate: section");
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Could not stop a simulator: {}", e.getMessage());
            }
        }
        running.clear();
    }
}
