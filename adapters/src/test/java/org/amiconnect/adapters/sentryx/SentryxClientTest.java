package org.amiconnect.adapters.sentryx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.config.Secret;
import org.amiconnect.simulators.sentryx.SentryxSimulator;
import org.amiconnect.simulators.sentryx.SentryxSimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SentryxClient} against the Sentryx simulator on loopback: paging, retries, refused keys, broken answers. */
class SentryxClientTest {

    private static final String ORG = "sentryx_client_org";
    private static final String UTILITY = "client-test-utility";
    private static final String KEY = "client-test-key";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final LocalDateTime START = LocalDateTime.parse("2026-06-10T00:00:00");
    private static final LocalDateTime END = LocalDateTime.parse("2026-06-11T00:00:00");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);

    private SentryxSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void pagesTheDeviceListAcrossPageBoundariesUntilAnEmptyPage() throws Exception {
        simulator = start(53, 0);
        List<JsonNode> devices = new ArrayList<>();

        long count = client(KEY, 25, 3).devices(devices::add);

        assertThat(count).isEqualTo(53);
        Set<String> ids = new HashSet<>();
        devices.forEach(d -> ids.add(d.path("deviceId").asText()));
        assertThat(ids).hasSize(53);
        assertThat(simulator.devicePages()).isEqualTo(4); // 25 + 25 + 3, then the empty page
    }

    @Test
    void pagesConsumptionAcrossPageBoundariesAndKeepsDevicesMissingFromTheDeviceList() throws Exception {
        simulator = start(27, 2);
        List<JsonNode> meters = new ArrayList<>();

        long count = client(KEY, 10, 3).consumption(START, END, meters::add);

        assertThat(count).isEqualTo(29);
        assertThat(simulator.consumptionPages()).isEqualTo(4); // 10 + 10 + 9, then the empty page
        for (JsonNode meter : meters) {
            assertThat(meter.path("data").size()).as("points of %s", meter.path("deviceId")).isEqualTo(24);
        }
    }

    @Test
    void honoursTheRetryAfterOfARateLimit() throws Exception {
        simulator = start(5, 0);
        simulator.faults().rateLimit(2, "0.3");
        long started = System.nanoTime();

        long count = client(KEY, 25, 3).devices(d -> { });

        assertThat(count).isEqualTo(5);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    void retriesServerErrorsWithBackoff() throws Exception {
        simulator = start(5, 0);
        simulator.faults().status(503, 1);
        simulator.faults().status(500, 1);

        long count = client(KEY, 25, 3).devices(d -> { });

        assertThat(count).isEqualTo(5);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    void givesUpAfterItsRetriesAsATransientFailureNamingTheRequest() {
        simulator = start(5, 0);
        simulator.faults().status(502, 3);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client(KEY, 25, 3).devices(d -> { }));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG, "GET /v1-wm/sites/" + UTILITY + "/devices?pager.skip=0", "HTTP 502",
                "3 times");
    }

    @Test
    void refusedKeyFailsAtOnceNamingOrgAndHostButNotTheKey() {
        simulator = start(5, 0);
        long started = System.nanoTime();

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client("wrong-key", 25, 5).devices(d -> { }));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1", "HTTP 401", "secrets.yaml sources." + ORG)
                .doesNotContain("wrong-key");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void malformedJsonFailsNamingTheRequest() {
        simulator = start(30, 0);
        simulator.faults().malformedJson(1);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client(KEY, 25, 3).devices(d -> { }));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG, "GET /v1-wm/sites/" + UTILITY + "/devices?pager.skip=0&pager.take=25",
                "not JSON");
    }

    @Test
    void unknownUtilityNameIsAPermanentFailure() {
        simulator = start(5, 0);
        SentryxSettings settings = new SentryxSettings(simulator.endpoint(), "another-utility", Secret.of(KEY), 25, 3,
                Duration.ofMillis(10), Duration.ofSeconds(10));

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> new SentryxClient(ORG, settings, simulator.endpoint()).devices(d -> { }));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("HTTP 404", "another-utility");
    }

    private SentryxClient client(String key, int pageSize, int retries) {
        SentryxSettings settings = new SentryxSettings(simulator.endpoint(), UTILITY, Secret.of(key), pageSize, retries,
                Duration.ofMillis(10), Duration.ofSeconds(10));
        return new SentryxClient(ORG, settings, simulator.endpoint());
    }

    private static SentryxSimulator start(int meters, int unknownDevices) {
        return SentryxSimulator.start(SentryxSimulatorOptions.defaults()
                .withUtility(11, meters, LOS_ANGELES)
                .withCredentials(UTILITY, KEY)
                .withClock(LATER)
                .withQuirks(unknownDevices, 0.0, 0.0, 0.0, 0));
    }
}
