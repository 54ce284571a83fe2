package org.amiconnect.cli.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.amiconnect.cli.status.OrgStatus;
import org.amiconnect.cli.status.RunLine;
import org.amiconnect.cli.status.StatusFixtures;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver on loopback gets the failure notifications: Slack-compatible JSON with the org, the run, the
 * error and a hint, the token in the Authorization header, and no configured secret anywhere in the body, even when
 * the run's error quoted the vendor password.
 */
class FailureNotificationTest {

    static final String PASSWORD = "pw-Very-Secret-123";
    static final String TOKEN = "hook-token-7f3a9c";
    static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

    @TempDir
    Path dir;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String authorization, String contentType, String body) {
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/services/T000/B000/XXXX", ex -> {
            received.add(new Received(ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aFailedRunIsPostedOnceWithOrgRunErrorAndHintButNoSecret() throws Exception {
        AmiConnectConfig config = ConfigFiles.in(dir).beacon360("failing_utility", "it-user", PASSWORD)
                .secret("notifications.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/services/T000/B000/XXXX")
                .secret("notifications.webhook.token", TOKEN).load();
        RunLine failed = RunLine.of(StatusFixtures.run("failing_utility", "failing_utility.standard.20261130T140000Z.1",
                ExtractRunState.FAILED, NOW, Duration.ofMinutes(5),
                "login as it-user with password " + PASSWORD + " refused: HTTP 401"));
        StatusReport report = report(failed);
        AlertRules rules = new AlertRules(config.notifications());

        try (Notifier notifier = Notifier.of(config)) {
            List<Notification> first = rules.evaluate(report);
            first.forEach(notifier::send);
            List<Notification> again = rules.evaluate(report);

            assertThat(first).extracting(Notification::kind).containsExactly(Notification.Kind.RUN_FAILED);
            assertThat(again).as("the same failed run is notified once").isEmpty();
        }

        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain("XXXX");
        Map<String, Object> json = new ObjectMapper().readValue(r.body(), new TypeReference<>() { });
        assertThat(json).containsEntry("kind", "RUN_FAILED").containsEntry("org_id", "failing_utility")
                .containsEntry("run_id", failed.runId());
        assertThat((String) json.get("error")).contains("with password ******** refused: HTTP 401");
        assertThat((String) json.get("hint")).contains("amiconnect runs --org failing_utility --state failed");
        assertThat((String) json.get("text")).startsWith("AMI Connect: extract run failed (failing_utility)")
                .contains("run: " + failed.runId(), "hint: ");
    }

    @Test
    void aStaleOrgIsPostedOnceUntilItIsFreshAgain() throws Exception {
        AmiConnectConfig config = ConfigFiles.in(dir).beacon360("stale_utility", "it-user", PASSWORD)
                .set("notifications.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/services/T000/B000/XXXX").load();
        AlertRules rules = new AlertRules(config.notifications());
        OrgStatus stale = new OrgStatus("stale_utility", "beacon_360", Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(NOW.minus(Duration.ofDays(5))), 0, List.of(), List.of("stale: newest read is old"));
        OrgStatus fresh = new OrgStatus("stale_utility", "beacon_360", Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(NOW), 0, List.of(), List.of());

        try (Notifier notifier = Notifier.of(config)) {
            rules.evaluate(withOrg(stale)).forEach(notifier::send);
            rules.evaluate(withOrg(stale)).forEach(notifier::send);
            rules.evaluate(withOrg(fresh)).forEach(notifier::send);
            rules.evaluate(withOrg(stale)).forEach(notifier::send);
        }

        assertThat(received).hasSize(2).allSatisfy(r -> assertThat(r.body()).contains("\"kind\":\"STALE_ORG\"",
                "\"org_id\":\"stale_utility\"", "newest read loaded is from 2026-11-25T15:00:00Z"));
    }

    @Test
    void aDeadLetterSpikeIsPostedWhenTheWindowHoldsTheThreshold() throws Exception {
        AmiConnectConfig config = ConfigFiles.in(dir).beacon360("utility", "it-user", PASSWORD)
                .set("notifications.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/services/T000/B000/XXXX")
                .set("notifications.dead-letter-spike", 10).set("notifications.spike-window", "30m").load();
        AlertRules rules = new AlertRules(config.notifications());
        OrgStatus org = new OrgStatus("utility", "beacon_360", Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(NOW), 12, List.of(), List.of("12 record(s) dead-lettered in the last 24 h"));

        try (Notifier notifier = Notifier.of(config)) {
            rules.evaluate(spike(org, 9)).forEach(notifier::send);
            rules.evaluate(spike(org, 12)).forEach(notifier::send);
        }

        assertThat(received).singleElement().extracting(Received::body).asString()
                .contains("\"kind\":\"DEAD_LETTER_SPIKE\"", "12 record(s) dead-lettered in the last 30 min");
    }

    private static StatusReport report(RunLine failed) {
        OrgStatus org = new OrgStatus("failing_utility", "beacon_360", Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(NOW), 0, List.of(failed), List.of("extract standard failed"));
        return new StatusReport(NOW, List.of(org), Map.of(), List.of(), List.of(failed), Map.of(), Map.of(), Map.of(),
                List.of());
    }

    private static StatusReport withOrg(OrgStatus org) {
        return new StatusReport(NOW, List.of(org), Map.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of(),
                List.of());
    }

    private static StatusReport spike(OrgStatus org, long inWindow) {
        return new StatusReport(NOW, List.of(org), Map.of(), List.of(), List.of(), Map.of(),
                Map.of(org.orgId(), inWindow), Map.of(), List.of());
    }
}
