package org.amiconnect.plugins.neptune360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.plugins.neptune360.Neptune360Client.Listing;
import org.amiconnect.plugins.neptune360.simulator.Neptune360Simulator;
import org.amiconnect.plugins.neptune360.simulator.Neptune360SimulatorOptions;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the simulator on loopback: token, paging, retries and the failures that must not be retried. */
class Neptune360ClientTest {

    private static final int METERS = 23;
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-06-01T03:00:00Z");

    private Neptune360Simulator simulator;

    private Neptune360Simulator start(Neptune360SimulatorOptions options) {
        simulator = Neptune360Simulator.start(options.withUtility(5, METERS, NeptuneFixtures.ZONE));
        return simulator;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private Neptune360Client client(Neptune360Settings settings) {
        return new Neptune360Client(NeptuneFixtures.ORG, settings, simulator.endpoint(), Clock.systemUTC());
    }

    private static List<JsonNode> collect(Neptune360Client client, Listing listing, Instant start, Instant end,
            List<String> requests) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        client.list(listing, start, end, (page, request) -> {
            requests.add(request);
            page.forEach(items::add);
        });
        return items;
    }

    @Test
    void pagesThroughEveryEndpointAcrossPageBoundariesInOrder() throws Exception {
        start(Neptune360SimulatorOptions.defaults().withDuplicates(0, 0));
        List<String> requests = new ArrayList<>();

        List<JsonNode> endpoints = collect(client(NeptuneFixtures.settings(5)), Listing.ENDPOINTS, null, null, requests);

        UtilityGenerator generator = new UtilityGenerator(5, METERS, NeptuneFixtures.ZONE);
        assertThat(endpoints).extracting(e -> e.get("meterNumber").asText() + "-" + e.get("miuId").asText())
                .containsExactlyElementsOf(generator.meters().stream()
                        .map(m -> m.meterId() + "-" + m.endpointSn()).toList());
        assertThat(requests).hasSize(5).last().isEqualTo("GET /v1/sites/{site_id}/endpoints page 5");
        assertThat(simulator.tokensIssued()).isOne();
    }

    @Test
    void pagesThroughTheReadsOfTheWindowOnly() throws Exception {
        start(Neptune360SimulatorOptions.defaults().withDuplicates(0, 0));
        List<String> requests = new ArrayList<>();

        List<JsonNode> reads = collect(client(NeptuneFixtures.settings(10)), Listing.READS, START, END, requests);

        assertThat(reads).hasSize(METERS * 3);
        assertThat(requests).hasSize(7);
        SimulatedMeter first = new UtilityGenerator(5, METERS, NeptuneFixtures.ZONE).meter(0);
        assertThat(reads.get(0).get("meterNumber").asText()).isEqualTo(first.meterId());
        assertThat(reads).allSatisfy(read -> assertThat(OffsetDateTime.parse(read.get("readTime").asText())
                .toInstant()).isBetween(START, END.minusNanos(1)));
    }

    @Test
    void anEmptyListingIsOnePageAndNoItems() throws Exception {
        start(Neptune360SimulatorOptions.defaults().withDuplicates(0, 0));
        List<String> requests = new ArrayList<>();

        List<JsonNode> reads = collect(client(NeptuneFixtures.settings(10)), Listing.READS, START, START, requests);

        assertThat(reads).isEmpty();
        assertThat(requests).containsExactly("GET /v1/sites/{site_id}/reads page 1");
    }

    @Test
    void rateLimitsAreRetriedAsRetryAfterAsks() throws Exception {
        start(Neptune360SimulatorOptions.defaults());
        simulator.failNextListings(429, 2);

        List<JsonNode> endpoints = collect(client(NeptuneFixtures.settings(100)), Listing.ENDPOINTS, null, null,
                new ArrayList<>());

        assertThat(endpoints).isNotEmpty();
        assertThat(simulator.listingRequests()).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        start(Neptune360SimulatorOptions.defaults());
        simulator.failNextListings(503, 3);

        List<JsonNode> endpoints = collect(client(NeptuneFixtures.settings(100)), Listing.ENDPOINTS, null, null,
                new ArrayList<>());

        assertThat(endpoints).isNotEmpty();
        assertThat(simulator.listingRequests()).isEqualTo(4);
    }

    @Test
    void serverErrorsBeyondTheAttemptsFailTheExtractAsTransientNamingOrgAndHost() {
        start(Neptune360SimulatorOptions.defaults());
        simulator.failNextListings(500, 10);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> collect(
                client(NeptuneFixtures.settings(100)), Listing.ENDPOINTS, null, null, new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("neptune source 'neptune_utility' (127.0.0.1:"
                + simulator.endpoint().getPort() + ")", "GET /v1/sites/{site_id}/endpoints page 1", "HTTP 500 4 times");
        assertThat(simulator.listingRequests()).isEqualTo(4);
    }

    @Test
    void refusedClientCredentialsFailFastNamingOrgAndHostWithoutTheSecret() {
        start(Neptune360SimulatorOptions.defaults());
        long started = System.nanoTime();

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> collect(
                client(NeptuneFixtures.settings(100, "wrong-secret-value", "neptune-key")), Listing.ENDPOINTS, null,
                null, new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("neptune source 'neptune_utility' (127.0.0.1:"
                        + simulator.endpoint().getPort() + ")", "HTTP 401", "client_id and client_secret",
                        "sources.neptune_utility")
                .doesNotContain("wrong-secret-value");
        assertThat(simulator.listingRequests()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedApiKeyFailsFastWithoutRetrying() {
        start(Neptune360SimulatorOptions.defaults());

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> collect(
                client(NeptuneFixtures.settings(100, "neptune-secret", "wrong-key-value")), Listing.READS, START, END,
                new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains("neptune source 'neptune_utility' (127.0.0.1:", "HTTP 401",
                "GET /v1/sites/{site_id}/reads page 1", "api_key and site_id").doesNotContain("wrong-key-value");
        assertThat(simulator.tokensIssued()).isOne();
    }

    @Test
    void malformedJsonFailsPermanentlyNamingTheRequest() {
        start(Neptune360SimulatorOptions.defaults());
        simulator.malformNextListings(1);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> collect(
                client(NeptuneFixtures.settings(100)), Listing.ENDPOINTS, null, null, new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("neptune source 'neptune_utility' (127.0.0.1:",
                "GET /v1/sites/{site_id}/endpoints page 1 answered with invalid JSON");
        assertThat(simulator.listingRequests()).isOne();
    }

    @Test
    void aTokenAboutToExpireIsRenewedBeforeTheNextRequest() throws Exception {
        // the client renews 30 s before expiry: a 1-second token is renewed for every page
        start(Neptune360SimulatorOptions.defaults().withDuplicates(0, 0).withTokenLifetimeSeconds(1));

        List<JsonNode> endpoints = collect(client(NeptuneFixtures.settings(10)), Listing.ENDPOINTS, null, null,
                new ArrayList<>());

        assertThat(endpoints).hasSize(METERS);
        assertThat(simulator.tokensIssued()).isEqualTo(3);
    }
}
