package org.amiconnect.simulators.subeca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.ServiceLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.SimulatorProvider;
import org.amiconnect.simulators.VendorSimulator;
import org.junit.jupiter.api.Test;

/** The Subeca simulator as a plain HTTP client sees it. */
class SubecaSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void isFoundByServiceLoaderAndAcceptsOnlyTheSourcesApiKey() throws Exception {
        SimulatorProvider provider = ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("subeca")).findFirst().orElseThrow();
        try (VendorSimulator simulator = provider.start(new SimulatedSource(1, 4, ZoneId.of("America/Denver"),
                Map.of("api_key", "the-key")))) {
            assertThat(get(simulator.endpoint(), "/v1/accounts?pageSize=100", "the-key").statusCode()).isEqualTo(200);
            assertThat(get(simulator.endpoint(), "/v1/accounts?pageSize=100", "other").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void vacantAccountsHaveNoDeviceAndMeteredOnesServeHourlyUsageOfWholeUtcDays() throws Exception {
        try (SubecaSimulator simulator = SubecaSimulator.start(SubecaSimulatorOptions.defaults()
                .withUtility(3, 2, ZoneId.of("America/Los_Angeles")).withApiKey("k").withPageSize(2)
                .withClock(Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC))
                .withQuirks(1, 0.0, 0.0, 0.0, 0.0))) {
            JsonNode first = JSON.readTree(get(simulator.endpoint(), "/v1/accounts?pageSize=100", "k").body());
            String token = first.path("nextToken").asText();
            JsonNode second = JSON.readTree(get(simulator.endpoint(), "/v1/accounts?pageSize=100&nextToken=" + token,
                    "k").body());
            String metered = first.path("data").get(0).path("accountId").asText();
            String vacant = second.path("data").get(0).path("accountId").asText();

            assertThat(first.path("data").size()).isEqualTo(2);
            assertThat(second.path("nextToken").isNull()).isTrue();
            assertThat(JSON.readTree(get(simulator.endpoint(), "/v1/accounts/" + vacant + "?readUnit=cf", "k").body())
                    .path("device").isNull()).isTrue();
            HttpResponse<String> usages = HTTP.send(HttpRequest.newBuilder(simulator.endpoint()
                    .resolve("/v1/accounts/" + metered + "/usages")).header("x-subeca-api-key", "k")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"readUnit\":\"cf\",\"granularity\":\"hourly\","
                            + "\"referencePeriod\":{\"start\":\"2026-06-10\",\"end\":\"2026-06-11\",\"utcOffset\":\"+00:00\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode hourly = JSON.readTree(usages.body()).path("data").path("hourly");
            assertThat(hourly.size()).isEqualTo(48);
            assertThat(hourly.path("2026-06-11T23:00:00+00:00").path("deviceId").asText())
                    .isEqualTo(simulator.deviceIdOf(0));
        }
    }

    private static HttpResponse<String> get(URI base, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("x-subeca-api-key", key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
