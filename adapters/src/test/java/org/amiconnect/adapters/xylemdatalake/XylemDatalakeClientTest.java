package org.amiconnect.adapters.xylemdatalake;

import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.ORG;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.ZONE;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.client;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulator;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XylemDatalakeClientTest {

    private static final int METERS = 50;
    private static final String SCHEMA = "sensus_dm_" + XylemDatalakeSimulatorOptions.DEFAULT_AGENCY;
    private static final String ACCOUNTS = XylemDatalakeQueries.accounts(SCHEMA);
    private static final String SIX_HOURS_OF_INTERVALS = XylemDatalakeQueries.reads(SCHEMA, "water_intervals",
            XylemDatalakeQueries.INTERVAL_COLUMNS, Instant.parse("2026-06-10T00:00:00Z"),
            Instant.parse("2026-06-10T06:00:00Z"));

    private final List<XylemDatalakeSimulator> simulators = new ArrayList<>();

    @AfterEach
    void stop() {
        simulators.forEach(XylemDatalakeSimulator::close);
    }

    @Test
    void signsInWithPkceThroughKeycloakAndSupersetAndQueriesTheActiveAccounts() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings());

        client.login();
        XylemDatalakeClient.Rows rows = client.query(ACCOUNTS, "account");

        // one active row per water meter plus one non-water device per 50 meters; inactive rows are filtered out
        assertThat(rows.rows()).hasSize(METERS + METERS / 50);
        assertThat(rows.rows()).extracting(r -> r.get("record_active_flag").asText()).containsOnly("true");
        assertThat(rows.rows().get(0).fieldNames()).toIterable()
                .containsExactlyElementsOf(XylemDatalakeQueries.ACCOUNT_COLUMNS);
        assertThat(rows.truncated()).isFalse();
        assertThat(lake.passwordLogins()).isEqualTo(1);
        assertThat(client.logins()).isEqualTo(1);
    }

    @Test
    void signsInWhenKeycloakAsksForTheUsernameAndThePasswordOnTwoForms() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o.withTwoStepLogin(true));
        XylemDatalakeClient client = client(lake, settings());

        XylemDatalakeClient.Rows rows = client.query(SIX_HOURS_OF_INTERVALS, "water_intervals");

        assertThat(rows.rows()).hasSize(METERS * 6);
        assertThat(lake.passwordLogins()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsFailAtOnceNamingTheOrgAndTheHost() {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings("wrong-password", Duration.ofHours(12),
                Duration.ofMillis(50)));

        ExtractException e = catchThrowableOfType(ExtractException.class, client::login);

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG).contains(lake.endpoint().getHost())
                .contains("secrets.yaml sources." + ORG).contains("Invalid username or password.")
                .doesNotContain("wrong-password");
        assertThat(lake.refusedLogins()).isEqualTo(1);
        assertThat(lake.queries()).isZero();
    }

    @Test
    void anExpiredSessionIsSignedInAgainAndTheQueryRetried() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings());
        client.query(ACCOUNTS, "account");

        lake.expireSessions();
        XylemDatalakeClient.Rows rows = client.query(SIX_HOURS_OF_INTERVALS, "water_intervals");

        assertThat(rows.rows()).hasSize(METERS * 6);
        assertThat(lake.expiredAnswers()).isEqualTo(1);
        assertThat(lake.passwordLogins()).isEqualTo(2);
    }

    @Test
    void sessionsThatExpireEveryFewQueriesAreRenewedAsOftenAsNeeded() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o.withSessionQueries(2));
        XylemDatalakeClient client = client(lake, settings());

        for (int i = 0; i < 5; i++) {
            assertThat(client.query(ACCOUNTS, "account " + i).rows()).hasSize(METERS + 1);
        }

        assertThat(lake.answeredQueries()).isEqualTo(5);
        assertThat(lake.passwordLogins()).isEqualTo(3);
    }

    @Test
    void aSessionThatKeepsExpiringFailsAfterThreeSignInsWithGrowingBackoff() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings(XylemDatalakeSimulatorOptions.DEFAULT_PASSWORD,
                Duration.ofHours(12), Duration.ofMillis(100)));
        client.login();
        lake.failNextQueries(401, 10);

        long started = System.nanoTime();
        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client.query(ACCOUNTS, "account"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG).contains("session kept expiring").contains("account");
        // sign-ins: the first, then three re-authentications; waits of 100 ms and 200 ms before the 2nd and 3rd
        assertThat(lake.passwordLogins()).isEqualTo(4);
        assertThat(lake.queries()).isEqualTo(4);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rateLimitsAndServerErrorsAreRetried() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o.withRetryAfterSeconds(0));
        XylemDatalakeClient client = client(lake, settings());
        client.login();
        lake.failNextQueries(429, 1);
        lake.failNextQueries(502, 1);

        XylemDatalakeClient.Rows rows = client.query(ACCOUNTS, "account");

        assertThat(rows.rows()).hasSize(METERS + 1);
        assertThat(lake.queries()).isEqualTo(3);
        assertThat(lake.passwordLogins()).isEqualTo(1);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailAsTransientNamingTheRequest() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings());
        client.login();
        lake.failNextQueries(503, 3);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client.query(ACCOUNTS, "account rows"));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG).contains("account rows").contains("HTTP 503");
        assertThat(lake.queries()).isEqualTo(3);
    }

    @Test
    void malformedJsonFailsWithAnErrorNamingTheRequest() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings());
        client.login();
        lake.malformedNextQueries(1);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client.query(SIX_HOURS_OF_INTERVALS, "water_intervals 2026-06-10 00:00 .. 06:00"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG).contains("water_intervals 2026-06-10 00:00 .. 06:00")
                .contains("POST " + lake.endpoint() + "/api/v1/sqllab/execute/").contains("invalid JSON");
    }

    @Test
    void aQueryErrorFailsPermanentlyWithSupersetsMessage() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        XylemDatalakeClient client = client(lake, settings());

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client.query("SELECT nope FROM " + SCHEMA + ".account", "a bad column"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("Superset query error").contains("a bad column")
                .contains("column \"nope\" does not exist");
    }

    @Test
    void anAnswerCutAtTheRowLimitIsMarkedTruncated() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o.withRowLimit(100));
        XylemDatalakeClient client = client(lake, settings());

        XylemDatalakeClient.Rows rows = client.query(SIX_HOURS_OF_INTERVALS, "water_intervals");

        assertThat(rows.truncated()).isTrue();
        assertThat(rows.rows()).hasSize(100);
        List<ObjectNode> all = rows.rows();
        assertThat(all.get(0).get("commodity").asText()).isEqualTo("WATER");
    }

    private XylemDatalakeSimulator simulator(UnaryOperator<XylemDatalakeSimulatorOptions> options) {
        XylemDatalakeSimulator lake = XylemDatalakeSimulator.start(options.apply(
                XylemDatalakeSimulatorOptions.defaults().withUtility(11L, METERS, ZONE)));
        simulators.add(lake);
        return lake;
    }
}
