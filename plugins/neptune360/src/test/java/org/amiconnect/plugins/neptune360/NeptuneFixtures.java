package org.amiconnect.plugins.neptune360;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.plugins.neptune360.simulator.Neptune360SimulatorOptions;

/** Settings and sources that match {@link Neptune360SimulatorOptions#defaults()}, with fast retries. */
final class NeptuneFixtures {

    static final String ORG = "neptune_utility";
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private NeptuneFixtures() {
    }

    /** The simulator's default credentials, {@code pageSize} items a page, 4 attempts 10 ms apart. */
    static Neptune360Settings settings(int pageSize) {
        Neptune360SimulatorOptions sim = Neptune360SimulatorOptions.defaults();
        return settings(pageSize, sim.clientSecret(), sim.apiKey());
    }

    static Neptune360Settings settings(int pageSize, String clientSecret, String apiKey) {
        Neptune360SimulatorOptions sim = Neptune360SimulatorOptions.defaults();
        return new Neptune360Settings(Optional.empty(), Secret.of(sim.siteId()), Secret.of(apiKey),
                Secret.of(sim.clientId()), Secret.of(clientSecret), pageSize, 4, Duration.ofMillis(10),
                Duration.ofSeconds(10));
    }

    static SourceConfig source(Neptune360Settings settings, URI endpoint) {
        return new SourceConfig(Neptune360Adapter.TYPE, ORG, ZONE, List.of(), settings, List.of(), Optional.empty(),
                Optional.of(endpoint));
    }
}
