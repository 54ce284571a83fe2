package org.amiconnect.adapters.xylemdatalake;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The pieces of the Keycloak browser login the Data Lake uses (python-ami-connect §2.6, steps 1–2): the PKCE pair,
 * the authorization URL, and the {@code kc-form-login} form of a login page (parsed with jsoup, as the predecessor
 * parsed it with BeautifulSoup).
 */
final class XylemDatalakeLogin {

    static final String FORM_ID = "kc-form-login";
    static final String SCOPE = "openid email profile roles offline_access";

    private static final SecureRandom RANDOM = new SecureRandom();

    private XylemDatalakeLogin() {
    }

    /** A PKCE pair (RFC 7636, S256): 32 random url-safe bytes and the unpadded base64url SHA-256 of them. */
    record Pkce(String verifier, String challenge) {

        static Pkce create() {
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** {@code <realm>/protocol/openid-connect/auth?…} with the predecessor's parameters and a fresh nonce and state. */
    static URI authorizeUri(URI realm, String clientId, URI datalake, Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", join(datalake, "/authorize").toString());
        params.put("response_type", "code");
        params.put("scope", SCOPE);
        params.put("nonce", HexFormat.of().formatHex(randomBytes(24)));
        params.put("state", Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return URI.create(join(realm, "/protocol/openid-connect/auth") + "?" + form(params));
    }

    /**
     * The login form of a page.
     *
     * @param action where the form posts, resolved against the page's address
     * @param hidden its hidden inputs (name → value)
     * @param asksPassword whether it has a password field (single-step login); else it asks for the username first
     * @param error the page's error message (e.g. "Invalid username or password."), or null
     */
    record Form(URI action, Map<String, String> hidden, boolean asksPassword, String error) {
    }

    /** The page's {@code kc-form-login} form, or null when it has none. */
    static Form formOf(String html, URI page) {
        Document doc = Jsoup.parse(html, page.toString());
        Element form = doc.getElementById(FORM_ID);
        if (form == null) {
            return null;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden][name]")) {
            hidden.put(input.attr("name"), input.attr("value"));
        }
        String action = form.absUrl("action");
        Element error = doc.selectFirst("#input-error, .kc-feedback-text, .alert-error");
        return new Form(URI.create(action.isEmpty() ? page.toString() : action), hidden,
                form.selectFirst("input[name=password]") != null, error == null ? null : error.text());
    }

    /** Whether a page is Keycloak's login page at all (the predecessor looked for "username" in it). */
    static boolean looksLikeLoginPage(String html) {
        return html != null && html.toLowerCase(java.util.Locale.ROOT).contains("username");
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code base} with {@code path} appended (one slash between them). */
    static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
