package org.amiconnect.plugins.neptune360.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;
import org.junit.jupiter.api.Test;

/** The simulator as the host finds it for a {@code simulate:} source: by type, with the source's own secrets. */
class Neptune360SimulatorProviderTest {

    private static final Map<String, String> SECRETS = Map.of("site_id", "s-1", "api_key", "k", "client_id", "c",
            "client_secret", "cs");

    private static SimulatorProvider provider() {
        return ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("neptune")).findFirst().orElseThrow();
    }

    @Test
    void theHostFindsTheSimulatorByTheTypeNeptune() {
        assertThat(provider()).isInstanceOf(Neptune360SimulatorProvider.class);
    }

    @Test
    void theStartedSimulatorAcceptsExactlyTheSourcesClientCredentials() throws Exception {
        try (VendorSimulator simulator = provider().start(new SimulatedSource(1, 3, ZoneId.of("UTC"), SECRETS))) {
            assertThat(token(simulator.endpoint(), "c:cs")).isEqualTo(200);
            assertThat(token(simulator.endpoint(), "c:wrong")).isEqualTo(401);
        }
    }

    @Test
    void aMissingSecretIsNamed() {
        assertThatThrownBy(() -> provider().start(new SimulatedSource(1, 3, ZoneId.of("UTC"),
                Map.of("site_id", "s-1", "client_id", "c", "client_secret", "cs"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'api_key'");
    }

    private static int token(URI api, String basic) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        basic.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
