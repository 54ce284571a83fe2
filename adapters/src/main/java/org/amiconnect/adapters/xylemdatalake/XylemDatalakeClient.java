package org.amiconnect.adapters.xylemdatalake;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.adapters.http.HttpRetry;
import org.amiconnect.adapters.http.RetryAfter;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of a Xylem Data Lake: Apache Superset over Redshift behind Xylem's Keycloak (python-ami-connect §2.6).
 *
 * <p>{@link #login()} signs in as a browser does: the Keycloak authorization request with PKCE (S256), the
 * {@code kc-form-login} form (single-step, or username then password), the Superset OAuth handshake
 * ({@code /login/}), the check {@code /api/v1/me/} and a CSRF token. {@link #query} posts SQL to SQL Lab's
 * {@code /api/v1/sqllab/execute/} (synchronously, redirects not followed) and answers its rows.
 *
 * <p>Failures: refused credentials (HTTP 401/403 from the login, or its form shown again with an error) fail at once
 * as {@link Kind#AUTH} naming the org and the host. An expired session (a redirect, 401, 403 or a non-JSON answer to a
 * query) is re-authenticated and the query retried, up to {@code reauth_attempts} consecutive times, waiting
 * {@code reauth_backoff} × 2<sup>n−2</sup> before the n-th (n ≥ 2), as the predecessor did. Rate limits (429, with
 * Retry-After) and 5xx answers are retried with backoff; an answer that is not valid JSON, or a query error, fails
 * as {@link Kind#PERMANENT} naming the request. The CSRF token is refreshed every 10 queries.
 */
public final class XylemDatalakeClient {

    private static final Logger log = LoggerFactory.getLogger(XylemDatalakeClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36";
    private static final int CSRF_REFRESH_INTERVAL = 10;

    private final String orgId;
    private final XylemDatalakeSettings settings;
    private final Urls urls;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    /** Follows redirects, as a browser does during the login. */
    private final HttpClient browser;
    /** Follows none: a redirect answering an API call means the session has expired. */
    private final HttpClient api;
    private final HttpRetry retry;
    private String csrfToken;
    private int requestsSinceCsrf;
    private int logins;

    /**
     * Where the client signs in and queries.
     *
     * @param realm the Keycloak realm
     * @param datalake the Data Lake (the login redirects there)
     * @param superset Superset (session, CSRF, SQL Lab)
     */
    public record Urls(URI realm, URI datalake, URI superset) {

        /** The settings' URLs, or all three on {@code endpoint} (a simulator) when one is given. */
        public static Urls of(XylemDatalakeSettings settings, Optional<URI> endpoint) {
            return endpoint.map(e -> new Urls(XylemDatalakeLogin.join(e, "/xgs/auth/realms/xgsum"), e, e))
                    .orElseGet(() -> new Urls(settings.authUrl(), settings.datalakeUrl(), settings.supersetUrl()));
        }
    }

    /**
     * The rows of one query.
     *
     * @param rows one JSON object per row, keyed by column
     * @param truncated Superset cut the answer at its row limit ({@code displayLimitReached})
     */
    public record Rows(List<ObjectNode> rows, boolean truncated) {
    }

    public XylemDatalakeClient(String orgId, XylemDatalakeSettings settings, Urls urls) {
        this.orgId = orgId;
        this.settings = settings;
        this.urls = urls;
        this.browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = new HttpRetry(settings.maxRetries(), settings.retryBackoff(), Duration.ofMinutes(5));
    }

    /** Sign-ins so far, the first included. */
    public int logins() {
        return logins;
    }

    /**
     * Signs in from scratch (a new cookie jar): Keycloak with PKCE, then Superset's session and CSRF token.
     *
     * @throws ExtractException AUTH when the credentials are refused; PERMANENT when a page is not what the login
     *     expects; TRANSIENT when the servers keep failing
     */
    public void login() throws ExtractException, InterruptedException {
        cookies.getCookieStore().removeAll();
        csrfToken = null;
        XylemDatalakeLogin.Pkce pkce = XylemDatalakeLogin.Pkce.create();
        URI authorize = XylemDatalakeLogin.authorizeUri(urls.realm(), settings.clientId(), urls.datalake(), pkce);
        HttpResponse<String> page = send(browser, get(authorize), "the Keycloak login page");
        checkLoginStatus(page, "the Keycloak login page");
        XylemDatalakeLogin.Form form = XylemDatalakeLogin.looksLikeLoginPage(page.body())
                ? XylemDatalakeLogin.formOf(page.body(), page.uri()) : null;
        if (form == null) {
            throw new ExtractException(Kind.PERMANENT, where(urls.realm()) + "expected Keycloak's login form ("
                    + XylemDatalakeLogin.FORM_ID + ") at " + page.uri() + ", got HTTP " + page.statusCode() + " "
                    + abbreviate(page.body()));
        }
        if (!form.asksPassword()) {
            // two-step login: the username first, then a second form asks for the password
            page = post(form, false);
            form = XylemDatalakeLogin.formOf(page.body(), page.uri());
            if (form == null || !form.asksPassword()) {
                throw new ExtractException(Kind.PERMANENT, where(urls.realm()) + "Keycloak asked for no password "
                        + "after the username (page " + page.uri() + ")");
            }
        }
        page = post(form, true);
        XylemDatalakeLogin.Form again = XylemDatalakeLogin.formOf(page.body(), page.uri());
        if (again != null) {
            throw refused(urls.realm(), "Keycloak showed its login form again"
                    + (again.error() == null ? "" : ": " + again.error()));
        }
        HttpResponse<String> superset = send(browser, get(XylemDatalakeLogin.join(urls.superset(), "/login/")),
                "the Superset login");
        checkLoginStatus(superset, "the Superset login");
        HttpResponse<String> me = send(api, get(XylemDatalakeLogin.join(urls.superset(), "/api/v1/me/")),
                "the Superset user check (/api/v1/me/)");
        if (me.statusCode() == 401 || me.statusCode() == 403 || !isJson(me)) {
            throw refused(urls.superset(), "Superset did not accept the Keycloak login: /api/v1/me/ answered HTTP "
                    + me.statusCode() + " " + abbreviate(me.body()));
        }
        JsonNode user = parse(me, "the Superset user check (/api/v1/me/)").path("result");
        logins++;
        log.info("{}signed in to {} as {}", where(urls.superset()), urls.superset().getHost(),
                user.path("username").asText("?"));
        refreshCsrf();
    }

    /**
     * Runs {@code sql} in SQL Lab and answers its rows, re-authenticating when the session has expired.
     *
     * @param what names the query in errors and logs, e.g. {@code water_intervals 2026-04-14 00:00 .. 12:00}
     */
    public Rows query(String sql, String what) throws ExtractException, InterruptedException {
        if (csrfToken == null) {
            login();
        }
        URI execute = XylemDatalakeLogin.join(urls.superset(), "/api/v1/sqllab/execute/");
        ObjectNode body = JSON.createObjectNode();
        body.put("database_id", settings.databaseId());
        body.put("sql", sql);
        body.put("runAsync", false);
        String request = "query " + what + " (POST " + execute + ")";
        int authFailures = 0;
        while (true) {
            if (++requestsSinceCsrf >= CSRF_REFRESH_INTERVAL) {
                refreshCsrf();
            }
            HttpResponse<String> response = send(api, HttpRequest.newBuilder(execute)
                    .timeout(settings.requestTimeout())
                    .header("User-Agent", USER_AGENT)
                    .header("Content-Type", "application/json")
                    .header("X-CSRFToken", csrfToken == null ? "" : csrfToken)
                    .header("Referer", XylemDatalakeLogin.join(urls.superset(), "/sqllab/").toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), request);
            if (expired(response)) {
                authFailures++;
                String why = response.statusCode() != 200 ? "HTTP " + response.statusCode() : "a non-JSON answer";
                if (authFailures > settings.reauthAttempts()) {
                    throw new ExtractException(Kind.TRANSIENT, where(urls.superset()) + "the session kept expiring: "
                            + request + " got " + why + " after " + settings.reauthAttempts() + " re-authentications");
                }
                log.warn("{}session expired ({}) at {}; signing in again ({}/{})", where(urls.superset()), why,
                        what, authFailures, settings.reauthAttempts());
                if (authFailures > 1) {
                    Duration wait = settings.reauthBackoff().multipliedBy(1L << Math.min(authFailures - 2, 20));
                    log.info("{}backing off {} before signing in again", where(urls.superset()), wait);
                    HttpRetry.sleep(wait);
                }
                login();
                continue;
            }
            if (response.statusCode() != 200) {
                throw new ExtractException(Kind.PERMANENT, where(urls.superset()) + request + " answered HTTP "
                        + response.statusCode() + " " + abbreviate(response.body()));
            }
            JsonNode result = parse(response, request);
            if ("error".equals(result.path("status").asText())) {
                String message = result.path("error").asText(result.path("message").asText("unknown"));
                throw new ExtractException(Kind.PERMANENT, where(urls.superset()) + "Superset query error in "
                        + request + ": " + abbreviate(message));
            }
            JsonNode data = result.path("data");
            if (!data.isArray() && !data.isMissingNode() && !data.isNull()) {
                throw new ExtractException(Kind.PERMANENT, where(urls.superset()) + request
                        + " answered 'data' that is not a list of rows: " + abbreviate(data.toString()));
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (JsonNode row : data) {
                if (!row.isObject()) {
                    throw new ExtractException(Kind.PERMANENT, where(urls.superset()) + request
                            + " answered a row that is not an object: " + abbreviate(row.toString()));
                }
                rows.add((ObjectNode) row);
            }
            log.info("{}{} returned {} rows", where(urls.superset()), what, rows.size());
            HttpRetry.sleep(settings.queryPause());
            return new Rows(rows, result.path("displayLimitReached").asBoolean(false));
        }
    }

    private void refreshCsrf() throws ExtractException, InterruptedException {
        requestsSinceCsrf = 0;
        HttpResponse<String> response = send(api, get(XylemDatalakeLogin.join(urls.superset(),
                "/api/v1/security/csrf_token/")), "the CSRF token");
        if (response.statusCode() == 200 && isJson(response)) {
            csrfToken = parse(response, "the CSRF token").path("result").asText(null);
        }
        if (csrfToken == null || response.statusCode() != 200) {
            log.warn("{}CSRF token refresh answered HTTP {}; queries may be refused", where(urls.superset()),
                    response.statusCode());
        }
    }

    private HttpResponse<String> post(XylemDatalakeLogin.Form form, boolean withPassword)
            throws ExtractException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        fields.put("username", settings.username().reveal());
        if (withPassword) {
            fields.put("password", settings.password().reveal());
        }
        HttpRequest request = HttpRequest.newBuilder(form.action())
                .timeout(settings.requestTimeout())
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(XylemDatalakeLogin.form(fields)))
                .build();
        String what = withPassword ? "the login form" : "the username form";
        HttpResponse<String> response = send(browser, request, what);
        checkLoginStatus(response, what);
        return response;
    }

    private void checkLoginStatus(HttpResponse<String> response, String what) throws ExtractException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            XylemDatalakeLogin.Form form = XylemDatalakeLogin.formOf(response.body(), response.uri());
            throw refused(response.uri(), what + " answered HTTP " + status
                    + (form != null && form.error() != null ? ": " + form.error() : ""));
        }
        if (status >= 300) {
            throw new ExtractException(Kind.PERMANENT, where(response.uri()) + what + " answered HTTP " + status + " "
                    + abbreviate(response.body()));
        }
    }

    private ExtractException refused(URI host, String detail) {
        return new ExtractException(Kind.AUTH, where(host) + "Xylem Data Lake at " + host.getHost()
                + " refused the username/password in secrets.yaml sources." + orgId + " (" + detail + ")");
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT).GET().build();
    }

    /**
     * Sends a request; 429, 408 and 5xx answers and broken connections are retried with backoff (a 429's Retry-After
     * is honoured); any other answer is returned.
     */
    private HttpResponse<String> send(HttpClient client, HttpRequest request, String what)
            throws ExtractException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new ExtractException(Kind.TRANSIENT, where(request.uri()) + what + " to "
                            + request.uri().getHost() + " failed " + attempt + " times: " + e, e);
                }
                backoff(attempt, what + " failed: " + e, request.uri());
                continue;
            }
            int status = response.statusCode();
            if (!HttpRetry.retryable(status)) {
                return response;
            }
            if (attempt >= retry.maxAttempts()) {
                throw new ExtractException(Kind.TRANSIENT, where(request.uri()) + what + " got HTTP " + status + " "
                        + attempt + " times: " + abbreviate(response.body()));
            }
            Optional<Duration> asked = response.headers().firstValue("Retry-After")
                    .flatMap(h -> RetryAfter.ofHeader(h, Clock.systemUTC()));
            if (asked.isPresent()) {
                log.warn("{}{} got HTTP {}; waiting {} as asked (attempt {}/{})", where(request.uri()), what, status,
                        RetryAfter.describe(asked.get()), attempt, retry.maxAttempts());
                HttpRetry.sleep(asked.get());
            } else {
                backoff(attempt, what + " got HTTP " + status, request.uri());
            }
        }
    }

    private void backoff(int attempt, String why, URI uri) throws InterruptedException {
        Duration wait = retry.backoff(attempt);
        log.warn("{}{}; retrying in {} ms (attempt {}/{})", where(uri), why, wait.toMillis(), attempt,
                retry.maxAttempts());
        HttpRetry.sleep(wait);
    }

    /** The predecessor's test: a redirect, 401, 403 or an answer that is not JSON means the session has expired. */
    private static boolean expired(HttpResponse<String> response) {
        int status = response.statusCode();
        return (status >= 300 && status < 400) || status == 401 || status == 403 || !isJson(response);
    }

    private static boolean isJson(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").map(t -> t.contains("application/json")).orElse(false);
    }

    private JsonNode parse(HttpResponse<String> response, String what) throws ExtractException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ExtractException(Kind.PERMANENT, where(response.uri()) + what + " answered invalid JSON ("
                    + reason + "): " + abbreviate(response.body()));
        }
    }

    private String where(URI uri) {
        return "xylem_datalake source '" + orgId + "' (" + uri.getHost() + "): ";
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
