package org.amiconnect.simulators.sentryx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;
import org.junit.jupiter.api.Test;

/** The Sentryx simulator as a plain HTTP client sees it. */
class SentryxSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void isFoundByServiceLoaderAndAcceptsTheSourcesApiKeyForAnyUtilityName() throws Exception {
        SimulatorProvider provider = ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("sentryx")).findFirst().orElseThrow();
        try (VendorSimulator simulator = provider.start(new SimulatedSource(1, 7, ZoneId.of("America/Chicago"),
                Map.of("api_key", "the-key")))) {
            HttpResponse<String> ok = get(simulator.endpoint(), "/v1-wm/sites/whatever/devices?pager.skip=0&pager.take=5",
                    "the-key");
            HttpResponse<String> refused = get(simulator.endpoint(), "/v1-wm/sites/whatever/devices", "other");

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).path("totalCount").asInt()).isEqualTo(7);
            assertThat(JSON.readTree(ok.body()).path("meters").size()).isEqualTo(5);
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void listsTheRepeatedFallBackHourTwiceInNaiveLocalTimeAndMixesUnits() throws Exception {
        try (SentryxSimulator simulator = SentryxSimulator.start(SentryxSimulatorOptions.defaults()
                .withUtility(3, 30, ZoneId.of("America/Los_Angeles")).withCredentials("u", "k")
                .withClock(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
                .withQuirks(0, 0.0, 0.0, 0.0, 0))) {
            JsonNode page = JSON.readTree(get(simulator.endpoint(), "/v1-wm/sites/u/devices/consumption?skip=0&take=30"
                    + "&StartDate=2026-11-01T00:00:00&EndDate=2026-11-02T00:00:00", "k").body());

            Set<String> units = new HashSet<>();
            for (JsonNode meter : page.path("meters")) {
                units.add(meter.path("units").asText());
                assertThat(meter.path("data").size()).isEqualTo(25);
                long atOneAm = 0;
                for (JsonNode point : meter.path("data")) {
                    atOneAm += point.path("timeStamp").asText().startsWith("2026-11-01T01:") ? 1 : 0;
                }
                assertThat(atOneAm).isEqualTo(2);
            }
            assertThat(units).hasSizeGreaterThan(1);
        }
    }

    private static HttpResponse<String> get(URI base, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
