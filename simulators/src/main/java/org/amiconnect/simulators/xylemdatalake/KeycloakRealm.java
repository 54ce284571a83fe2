package org.amiconnect.simulators.xylemdatalake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Xylem's Keycloak realm {@code xgsum}, as a browser sees it: the authorization endpoint (which shows the
 * {@code kc-form-login} page, or redirects at once when the browser has a Keycloak SSO cookie) and the form's
 * {@code login-actions/authenticate} target. The Data Lake's client must send a PKCE S256 challenge; Superset's own
 * OAuth client ({@value #SUPERSET_CLIENT}) signs in through the SSO cookie. Refused credentials answer HTTP 401 with
 * the form again and Keycloak's message, as Keycloak does.
 */
final class KeycloakRealm {

    static final String REALM_PATH = "/xgs/auth/realms/xgsum";
    static final String AUTH_PATH = REALM_PATH + "/protocol/openid-connect/auth";
    static final String AUTHENTICATE_PATH = REALM_PATH + "/login-actions/authenticate";
    static final String SUPERSET_CLIENT = "superset";
    static final String SSO_COOKIE = "KEYCLOAK_SESSION";
    static final String AUTH_SESSION_COOKIE = "AUTH_SESSION_ID";

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final XylemDatalakeSimulatorOptions options;
    /** Login attempts under way, by AUTH_SESSION_ID. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Signed-in browsers, by KEYCLOAK_SESSION. */
    private final Map<String, String> ssoSessions = new ConcurrentHashMap<>();
    /** Authorization codes not yet used, with the client they were issued to. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final AtomicInteger passwordLogins = new AtomicInteger();
    private final AtomicInteger refusedLogins = new AtomicInteger();

    private record Pending(String clientId, String redirectUri, String state, String username) {
    }

    KeycloakRealm(XylemDatalakeSimulatorOptions options) {
        this.options = options;
    }

    int passwordLogins() {
        return passwordLogins.get();
    }

    int refusedLogins() {
        return refusedLogins.get();
    }

    /** Uses an authorization code once; true when it was issued to {@code clientId}. */
    boolean redeem(String code, String clientId) {
        return code != null && clientId.equals(codes.remove(code));
    }

    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = Exchanges.query(exchange);
        String clientId = q.getOrDefault("client_id", "");
        String redirectUri = q.get("redirect_uri");
        if (!clientId.equals(options.clientId()) && !clientId.equals(SUPERSET_CLIENT)) {
            Exchanges.html(exchange, 400, page("Client not found.", null, false));
            return;
        }
        if (redirectUri == null || !"code".equals(q.get("response_type"))) {
            Exchanges.html(exchange, 400, page("Invalid parameter: redirect_uri or response_type", null, false));
            return;
        }
        if (clientId.equals(options.clientId()) && (!"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || !CHALLENGE.matcher(q.get("code_challenge")).matches())) {
            Exchanges.html(exchange, 400, page("Missing parameter: code_challenge (PKCE S256 is required)", null,
                    false));
            return;
        }
        String sso = Exchanges.cookies(exchange).get(SSO_COOKIE);
        if (sso != null && ssoSessions.containsKey(sso)) {
            redirectWithCode(exchange, clientId, redirectUri, q.get("state"));
            return;
        }
        String authSession = UUID.randomUUID().toString();
        pending.put(authSession, new Pending(clientId, redirectUri, q.get("state"), null));
        Exchanges.setCookie(exchange, AUTH_SESSION_COOKIE, authSession);
        Exchanges.html(exchange, 200, page(null, actionFor(authSession), !options.twoStepLogin()));
    }

    void authenticate(HttpExchange exchange) throws IOException {
        String authSession = Exchanges.cookies(exchange).get(AUTH_SESSION_COOKIE);
        Pending attempt = authSession == null ? null : pending.get(authSession);
        if (attempt == null || !authSession.equals(Exchanges.query(exchange).get("session_code"))) {
            Exchanges.html(exchange, 400, page("Cookie not found. Please make sure cookies are enabled in your "
                    + "browser.", null, false));
            return;
        }
        Map<String, String> form = Exchanges.params(Exchanges.body(exchange));
        String username = form.getOrDefault("username", attempt.username());
        String password = form.get("password");
        if (password == null) {
            // first step of a two-step login: remember the user, ask for the password
            pending.put(authSession, new Pending(attempt.clientId(), attempt.redirectUri(), attempt.state(), username));
            Exchanges.html(exchange, 200, page(null, actionFor(authSession), true));
            return;
        }
        if (!options.username().equals(username) || !options.password().equals(password)) {
            refusedLogins.incrementAndGet();
            Exchanges.html(exchange, 401, page("Invalid username or password.", actionFor(authSession), true));
            return;
        }
        pending.remove(authSession);
        passwordLogins.incrementAndGet();
        String sso = UUID.randomUUID().toString();
        ssoSessions.put(sso, username);
        Exchanges.setCookie(exchange, SSO_COOKIE, sso);
        redirectWithCode(exchange, attempt.clientId(), attempt.redirectUri(), attempt.state());
    }

    private void redirectWithCode(HttpExchange exchange, String clientId, String redirectUri, String state)
            throws IOException {
        String code = UUID.randomUUID().toString();
        codes.put(code, clientId);
        Exchanges.redirect(exchange, redirectUri + (redirectUri.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(state == null ? "" : state, StandardCharsets.UTF_8) + "&code=" + code);
    }

    private static String actionFor(String authSession) {
        return AUTHENTICATE_PATH + "?session_code=" + authSession + "&execution=" + UUID.randomUUID() + "&tab_id=t1";
    }

    /** Keycloak's login page: the {@code kc-form-login} form with a hidden input, and an error when there is one. */
    private static String page(String error, String action, boolean askPassword) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Sign in to Xylem</title></head><body>");
        if (error != null) {
            html.append("<div class=\"alert-error\"><span id=\"input-error\" class=\"kc-feedback-text\">")
                    .append(Exchanges.escape(error)).append("</span></div>");
        }
        if (action != null) {
            html.append("<form id=\"kc-form-login\" action=\"").append(Exchanges.escape(action))
                    .append("\" method=\"post\"><label for=\"username\">Username or email</label>")
                    .append("<input id=\"username\" name=\"username\" type=\"text\" autofocus>");
            if (askPassword) {
                html.append("<label for=\"password\">Password</label>")
                        .append("<input id=\"password\" name=\"password\" type=\"password\">");
            }
            html.append("<input type=\"hidden\" id=\"id-hidden-input\" name=\"credentialId\" value=\"\">")
                    .append("<input name=\"login\" id=\"kc-login\" type=\"submit\" value=\"Sign In\"></form>");
        }
        return html.append("</body></html>").toString();
    }
}
