package org.amiconnect.simulators.xylemdatalake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Xylem Data Lake on loopback: Xylem's Keycloak login ({@link KeycloakRealm}: PKCE authorization request, the
 * {@code kc-form-login} page, SSO cookie), the agency's Data Lake landing page and its Apache Superset
 * ({@link SupersetApp}: OAuth handshake, session cookie, {@code /api/v1/me/}, CSRF token, SQL Lab execute) over the
 * agency's tables computed from a {@link UtilityGenerator} ({@link DataLakeTables}). All three hosts of the real
 * service are served from one address: the realm under {@code /xgs/auth/realms/xgsum}, Superset and the Data Lake
 * at the root.
 *
 * <pre>{@code
 * try (XylemDatalakeSimulator lake = XylemDatalakeSimulator.start(XylemDatalakeSimulatorOptions.defaults())) {
 *     URI endpoint = lake.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class XylemDatalakeSimulator implements VendorSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(XylemDatalakeSimulator.class);

    private final XylemDatalakeSimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final KeycloakRealm keycloak;
    private final SupersetApp superset;
    private final URI endpoint;

    private XylemDatalakeSimulator(XylemDatalakeSimulatorOptions options, HttpServer server, ExecutorService executor,
            KeycloakRealm keycloak, SupersetApp superset) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.keycloak = keycloak;
        this.superset = superset;
        this.endpoint = URI.create("http://" + options.host() + ":" + server.getAddress().getPort());
    }

    public static XylemDatalakeSimulator start(XylemDatalakeSimulatorOptions options) {
        KeycloakRealm keycloak = new KeycloakRealm(options);
        SupersetApp superset = new SupersetApp(options, keycloak);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Xylem Data Lake simulator could not bind " + options.host() + ":"
                    + options.port(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "xylemdatalake-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        XylemDatalakeSimulator simulator = new XylemDatalakeSimulator(options, server, executor, keycloak, superset);
        server.createContext("/", simulator::handle);
        server.start();
        LOG.info("Xylem Data Lake simulator listening on {} with {} meters in {}", simulator.endpoint,
                options.generator().meterCount(), options.generator().zone());
        return simulator;
    }

    private interface Endpoint {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** Runs one endpoint; always answers and closes the exchange, so a client never hangs on a simulator bug. */
    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Endpoint endpoint = switch (method + " " + path) {
                case "GET " + KeycloakRealm.AUTH_PATH -> keycloak::authorize;
                case "POST " + KeycloakRealm.AUTHENTICATE_PATH -> keycloak::authenticate;
                case "GET /authorize" -> superset::landing;
                case "GET /login/" -> superset::login;
                case "GET " + SupersetApp.OAUTH_CALLBACK -> superset::oauthCallback;
                case "GET /superset/welcome/" -> superset::welcome;
                case "GET /api/v1/me/" -> superset::me;
                case "GET /api/v1/security/csrf_token/" -> superset::csrfToken;
                case "POST /api/v1/sqllab/execute/" -> superset::execute;
                default -> null;
            };
            if (endpoint == null) {
                Exchanges.json(exchange, 404, "{\"message\": \"Not found: " + method + " " + path + "\"}");
                return;
            }
            endpoint.answer(exchange);
        } catch (IOException e) {
            LOG.warn("Xylem Data Lake simulator could not answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Xylem Data Lake simulator failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
            try {
                Exchanges.json(exchange, 500, "{\"message\": \"Internal Server Error\"}");
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent; closing the exchange is all that is left
            }
        }
    }

    /** The one address of Keycloak, the Data Lake and Superset, e.g. {@code http://127.0.0.1:41234}. */
    @Override
    public URI endpoint() {
        return endpoint;
    }

    public XylemDatalakeSimulatorOptions options() {
        return options;
    }

    public UtilityGenerator generator() {
        return options.generator();
    }

    /** Credential logins Keycloak accepted. */
    public int passwordLogins() {
        return keycloak.passwordLogins();
    }

    /** Credential logins Keycloak refused (HTTP 401). */
    public int refusedLogins() {
        return keycloak.refusedLogins();
    }

    /** SQL Lab execute requests, faults and redirects included. */
    public int queries() {
        return superset.queries();
    }

    /** SQL Lab queries answered with rows (or a query error). */
    public int answeredQueries() {
        return superset.answeredQueries();
    }

    /** Queries redirected to the login because their session had expired. */
    public int expiredAnswers() {
        return superset.expiredAnswers();
    }

    /** Answers cut at the row limit. */
    public int truncatedAnswers() {
        return superset.truncatedAnswers();
    }

    /** Every SQL statement SQL Lab ran, in order. */
    public List<String> sqlLog() {
        return superset.sqlLog();
    }

    /** Expires every Superset session now: the next query of each is redirected to the login. */
    public void expireSessions() {
        superset.expireSessions();
    }

    /** The next {@code times} SQL Lab queries answer {@code status} (429 with Retry-After, or a 5xx). */
    public void failNextQueries(int status, int times) {
        if (status < 400) {
            throw new IllegalArgumentException("an injected failure is an HTTP error status, not " + status);
        }
        superset.inject(status, times);
    }

    /** The next {@code times} SQL Lab queries are answered normally; faults injected after this wait for them. */
    public void answerNextQueries(int times) {
        superset.inject(SupersetApp.ANSWER, times);
    }

    /** The next {@code times} SQL Lab queries answer 200 with a body that is not valid JSON. */
    public void malformedNextQueries(int times) {
        superset.inject(SupersetApp.MALFORMED, times);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Xylem Data Lake simulator on {} stopped", endpoint);
    }
}
