package org.amiconnect.simulators.xylemdatalake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agency's Data Lake landing page and its Apache Superset: the OAuth handshake with Keycloak ({@code /login/} →
 * Keycloak → {@code /oauth-authorized/keycloak}, which sets the {@code session} cookie), {@code /api/v1/me/}, the
 * CSRF token, and SQL Lab's synchronous {@code /api/v1/sqllab/execute/} answering from {@link DataLakeTables}.
 *
 * <p>A session expires after {@code sessionQueries} queries, or when {@link #expireSessions()} is called; a query on
 * an expired or unknown session is redirected to {@code /login/}, as Flask-AppBuilder does. Faults are injected per
 * query: an HTTP status (429 with Retry-After, 5xx) or a malformed JSON body.
 */
final class SupersetApp {

    static final String SESSION_COOKIE = "session";
    static final String OAUTH_CALLBACK = "/oauth-authorized/keycloak";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final XylemDatalakeSimulatorOptions options;
    private final KeycloakRealm keycloak;
    private final DataLakeTables tables;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger answeredQueries = new AtomicInteger();
    private final AtomicInteger expiredAnswers = new AtomicInteger();
    private final AtomicInteger truncatedAnswers = new AtomicInteger();
    private final AtomicInteger queryIds = new AtomicInteger();
    private final java.util.Deque<Integer> faults = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final List<String> sqlLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A signed-in Superset session. */
    private static final class Session {
        final String csrf = UUID.randomUUID().toString().replace("-", "");
        final AtomicInteger queries = new AtomicInteger();
        volatile boolean expired;
    }

    /** Injected fault: a malformed JSON body instead of a status. */
    static final int MALFORMED = -1;
    /** Injected "fault" that answers normally, to place a later fault. */
    static final int ANSWER = 0;

    SupersetApp(XylemDatalakeSimulatorOptions options, KeycloakRealm keycloak) {
        this.options = options;
        this.keycloak = keycloak;
        this.tables = new DataLakeTables(options.agencyCode(), options.generator());
    }

    int queries() {
        return queries.get();
    }

    int answeredQueries() {
        return answeredQueries.get();
    }

    int expiredAnswers() {
        return expiredAnswers.get();
    }

    int truncatedAnswers() {
        return truncatedAnswers.get();
    }

    List<String> sqlLog() {
        return List.copyOf(sqlLog);
    }

    void inject(int statusOrMalformed, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(statusOrMalformed);
        }
    }

    void expireSessions() {
        sessions.values().forEach(s -> s.expired = true);
    }

    /** The Data Lake's own page, where Keycloak sends the browser back with a code for the Data Lake client. */
    void landing(HttpExchange exchange) throws IOException {
        String code = Exchanges.query(exchange).get("code");
        if (!keycloak.redeem(code, options.clientId())) {
            Exchanges.html(exchange, 400, "<html><body>Invalid or used authorization code</body></html>");
            return;
        }
        Exchanges.html(exchange, 200, "<html><body><h1>Xylem Data Lake</h1></body></html>");
    }

    void login(HttpExchange exchange) throws IOException {
        if (session(exchange) != null) {
            Exchanges.redirect(exchange, Exchanges.base(exchange) + "/superset/welcome/");
            return;
        }
        String callback = Exchanges.base(exchange) + OAUTH_CALLBACK;
        Exchanges.redirect(exchange, Exchanges.base(exchange) + KeycloakRealm.AUTH_PATH + "?client_id="
                + KeycloakRealm.SUPERSET_CLIENT + "&response_type=code&scope=openid&state=" + UUID.randomUUID()
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
    }

    void oauthCallback(HttpExchange exchange) throws IOException {
        if (!keycloak.redeem(Exchanges.query(exchange).get("code"), KeycloakRealm.SUPERSET_CLIENT)) {
            Exchanges.html(exchange, 400, "<html><body>The request to sign in was denied.</body></html>");
            return;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, new Session());
        Exchanges.setCookie(exchange, SESSION_COOKIE, id);
        Exchanges.redirect(exchange, Exchanges.base(exchange) + "/superset/welcome/");
    }

    void welcome(HttpExchange exchange) throws IOException {
        if (session(exchange) == null) {
            Exchanges.redirect(exchange, Exchanges.base(exchange) + "/login/");
            return;
        }
        Exchanges.html(exchange, 200, "<html><body>Superset</body></html>");
    }

    void me(HttpExchange exchange) throws IOException {
        if (session(exchange) == null) {
            Exchanges.json(exchange, 401, "{\"msg\":\"Not authorized\"}");
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        result.putObject("result").put("username", options.username()).put("is_active", true);
        Exchanges.json(exchange, 200, result.toString());
    }

    void csrfToken(HttpExchange exchange) throws IOException {
        Session session = session(exchange);
        if (session == null) {
            Exchanges.json(exchange, 401, "{\"msg\":\"Not authorized\"}");
            return;
        }
        Exchanges.json(exchange, 200, JSON.createObjectNode().put("result", session.csrf).toString());
    }

    void execute(HttpExchange exchange) throws IOException {
        queries.incrementAndGet();
        Integer fault = faults.poll();
        if (fault != null && fault != ANSWER) {
            if (fault == MALFORMED) {
                Exchanges.json(exchange, 200, "{\"status\": \"success\", \"data\": [{\"meter_id\": \"1\", ");
            } else {
                if (fault == 429) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(options.retryAfterSeconds()));
                }
                Exchanges.json(exchange, fault, "{\"message\": \"injected HTTP " + fault + "\"}");
            }
            return;
        }
        Session session = session(exchange);
        if (session == null || session.expired) {
            expiredAnswers.incrementAndGet();
            Exchanges.redirect(exchange, Exchanges.base(exchange) + "/login/?next=%2Fapi%2Fv1%2Fsqllab%2Fexecute%2F");
            return;
        }
        if (!session.csrf.equals(exchange.getRequestHeaders().getFirst("X-CSRFToken"))) {
            Exchanges.json(exchange, 400, "{\"errors\": [{\"message\": \"400 Bad Request: The CSRF token is missing "
                    + "or invalid.\", \"error_type\": \"GENERIC_BACKEND_ERROR\"}]}");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(Exchanges.body(exchange));
        } catch (IOException e) {
            Exchanges.json(exchange, 400, "{\"message\": \"Request is not JSON\"}");
            return;
        }
        if (request.path("database_id").asInt(-1) != options.databaseId()) {
            Exchanges.json(exchange, 404, "{\"message\": \"The database was not found.\"}");
            return;
        }
        String sql = request.path("sql").asText("");
        sqlLog.add(sql);
        if (options.sessionQueries() > 0 && session.queries.incrementAndGet() >= options.sessionQueries()) {
            session.expired = true; // this query is still answered; the next one finds the session expired
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("query_id", queryIds.incrementAndGet());
        List<ObjectNode> rows;
        try {
            rows = tables.run(sql);
        } catch (DataLakeTables.QueryError e) {
            answer.put("status", "error");
            answer.put("error", "redshift error: " + e.getMessage());
            Exchanges.json(exchange, 200, answer.toString());
            return;
        }
        boolean truncated = rows.size() > options.rowLimit();
        if (truncated) {
            truncatedAnswers.incrementAndGet();
            rows = rows.subList(0, options.rowLimit());
        }
        answer.put("status", "success");
        ArrayNode columns = answer.putArray("columns");
        if (!rows.isEmpty()) {
            rows.get(0).fieldNames().forEachRemaining(n -> columns.addObject().put("name", n).put("type", "STRING"));
        }
        answer.putArray("data").addAll(rows);
        answer.putArray("expanded_columns");
        answer.put("displayLimitReached", truncated);
        answeredQueries.incrementAndGet();
        Exchanges.json(exchange, 200, answer.toString());
    }

    private Session session(HttpExchange exchange) {
        String id = Exchanges.cookies(exchange).get(SESSION_COOKIE);
        Session session = id == null ? null : sessions.get(id);
        return session == null || session.expired ? null : session;
    }
}
