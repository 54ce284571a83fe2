package org.amiconnect.adapters.subeca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.config.Secret;
import org.amiconnect.simulators.subeca.SubecaSimulator;
import org.amiconnect.simulators.subeca.SubecaSimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SubecaClient} against the Subeca simulator on loopback: paging, retries, refused keys, broken answers. */
class SubecaClientTest {

    private static final String ORG = "subeca_client_org";
    private static final String KEY = "client-test-key";
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-06-10");

    private SubecaSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void followsNextTokenAcrossPagesUntilThereIsNone() throws Exception {
        simulator = start(23, 2);

        Set<String> ids = client(KEY, 10, 3).accountIds();

        assertThat(ids).hasSize(25);
        assertThat(ids).contains("V.1000.W", "V.1001.W");
        assertThat(simulator.accountPages()).isEqualTo(3); // 10 + 10 + 5, the last without a nextToken
    }

    @Test
    void readsOneDayOfHourlyUsageAndTheAccountDocument() throws Exception {
        simulator = start(3, 0);
        SubecaClient client = client(KEY, 100, 3);
        String id = client.accountIds().iterator().next();

        JsonNode hourly = client.hourlyUsages(id, DAY, DAY);
        JsonNode account = client.account(id);

        assertThat(hourly.size()).isEqualTo(24);
        assertThat(hourly.fieldNames().next()).isEqualTo("2026-06-10T00:00:00+00:00");
        assertThat(account.path("accountId").asText()).isEqualTo(id);
        assertThat(account.path("device").path("deviceId").asText()).isEqualTo(simulator.deviceIdOf(0));
        assertThat(account.path("device").path("latestReading").path("date").asText())
                .isEqualTo("2026-06-30T23:00:00+00:00");
    }

    @Test
    void retriesServerErrorsUpToThreeAttempts() throws Exception {
        simulator = start(3, 0);
        simulator.faults().status(500, 1);
        simulator.faults().status(504, 1);

        Set<String> ids = client(KEY, 100, 3).accountIds();

        assertThat(ids).hasSize(3);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    void failsAfterThreeAttemptsWithTheStatusAndTheRequest() {
        simulator = start(3, 0);
        simulator.faults().status(503, 3);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client(KEY, 100, 3).accountIds());

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG, "GET /v1/accounts?pageSize=100", "HTTP 503", "3 times");
    }

    @Test
    void clientErrorFailsAtOnceWithoutRetrying() {
        simulator = start(3, 0);
        simulator.faults().status(400, 1);
        simulator.faults().status(500, 1); // would be answered by a second attempt

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client(KEY, 100, 3).accountIds());

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("HTTP 400");
        assertThat(simulator.faults().pending()).isEqualTo(1);
    }

    @Test
    void honoursTheRetryAfterOfARateLimit() throws Exception {
        simulator = start(3, 0);
        simulator.faults().rateLimit(1, "0.4");
        long started = System.nanoTime();

        Set<String> ids = client(KEY, 100, 3).accountIds();

        assertThat(ids).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void refusedKeyFailsAtOnceNamingOrgAndHostButNotTheKey() {
        simulator = start(3, 0);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client("wrong-key", 100, 3).accountIds());

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1", "HTTP 401").doesNotContain("wrong-key");
    }

    @Test
    void malformedJsonFailsNamingTheRequest() throws Exception {
        simulator = start(3, 0);
        SubecaClient client = client(KEY, 100, 3);
        String id = client.accountIds().iterator().next();
        simulator.faults().malformedJson(1, "/usages");

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> client.hourlyUsages(id, DAY, DAY));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG, "POST /v1/accounts/" + id + "/usages", "not JSON");
    }

    @Test
    void unknownAccountIsAPermanentFailure() {
        simulator = start(3, 0);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client(KEY, 100, 3).account("no-such-account"));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("HTTP 404", "GET /v1/accounts/no-such-account?readUnit=cf");
    }

    private SubecaClient client(String key, int pageSize, int attempts) {
        SubecaSettings settings = new SubecaSettings(simulator.endpoint(), Secret.of(key), pageSize, attempts,
                Duration.ofMillis(10), Duration.ofSeconds(10));
        return new SubecaClient(ORG, settings, simulator.endpoint());
    }

    private static SubecaSimulator start(int meters, int vacant) {
        return SubecaSimulator.start(SubecaSimulatorOptions.defaults()
                .withUtility(21, meters, ZoneId.of("America/Los_Angeles"))
                .withApiKey(KEY)
                .withClock(LATER)
                .withQuirks(vacant, 0.0, 0.0, 0.0, 0.0));
    }
}
