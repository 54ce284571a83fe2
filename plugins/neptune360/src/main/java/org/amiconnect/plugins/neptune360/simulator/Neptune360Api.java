package org.amiconnect.plugins.neptune360.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The modelled Neptune 360 protocol (a model of the public description, python-ami-connect §2.9, not Neptune's
 * documented API):
 *
 * <ul>
 *   <li>{@code POST /oauth/token}, form {@code grant_type=client_credentials}, HTTP Basic
 *       {@code client_id:client_secret} → {@code {"access_token", "token_type": "Bearer", "expires_in"}}; wrong
 *       credentials → 401 {@code {"error": "invalid_client"}}.</li>
 *   <li>{@code GET /v1/sites/{siteId}/endpoints?page=&pageSize=} and
 *       {@code GET /v1/sites/{siteId}/reads?startDate=&endDate=&page=&pageSize=} (ISO-8601 UTC instants, reads with a
 *       read time in [startDate, endDate)), with {@code Authorization: Bearer <token>} and {@code X-Api-Key}: a missing,
 *       unknown or expired token or a wrong key → 401; another site → 404; pages count from 1, at most 1000 items →
 *       {@code {"siteId", "page", "pageSize", "totalPages", "totalItems", "endpoints"|"reads": [...]}}.</li>
 * </ul>
 */
final class Neptune360Api {

    private static final Pattern LISTING = Pattern.compile("/v1/sites/([^/]+)/(endpoints|reads)");
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final Neptune360SimulatorOptions options;
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final SiteListings listings;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger listingRequests = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger malformNext = new AtomicInteger();
    private volatile int failStatus = 500;
    /** The reads of the last window asked for: a run pages through one window. */
    private volatile CachedReads cachedReads;

    private record CachedReads(Instant start, Instant end, List<ObjectNode> items) {
    }

    Neptune360Api(Neptune360SimulatorOptions options) {
        this.options = options;
        this.listings = new SiteListings(options, json);
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    int listingRequests() {
        return listingRequests.get();
    }

    void failNext(int status, int count) {
        failStatus = status;
        failNext.set(count);
    }

    void malformNext(int count) {
        malformNext.set(count);
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/oauth/token")) {
                token(exchange);
                return;
            }
            Matcher listing = LISTING.matcher(path);
            if (listing.matches() && exchange.getRequestMethod().equals("GET")) {
                listing(exchange, URLDecoder.decode(listing.group(1), StandardCharsets.UTF_8), listing.group(2));
                return;
            }
            error(exchange, 404, "not_found", "no such resource: " + exchange.getRequestMethod() + " " + path);
        } catch (RuntimeException e) {
            error(exchange, 500, "server_error", e.toString());
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            error(exchange, 405, "method_not_allowed", "POST only");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!"client_credentials".equals(form(body).get("grant_type"))) {
            error(exchange, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((options.clientId() + ":"
                + options.clientSecret()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "invalid_client", "client authentication failed");
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, options.clock().instant().plusSeconds(options.tokenLifetimeSeconds()));
        tokensIssued.incrementAndGet();
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", options.tokenLifetimeSeconds());
        send(exchange, 200, json.writeValueAsBytes(answer));
    }

    private void listing(HttpExchange exchange, String site, String kind) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expires = authorization == null || !authorization.startsWith("Bearer ") ? null
                : tokens.get(authorization.substring("Bearer ".length()));
        if (expires == null || !options.clock().instant().isBefore(expires)) {
            error(exchange, 401, "invalid_token", "the access token is missing, unknown or expired");
            return;
        }
        if (!options.apiKey().equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
            error(exchange, 401, "invalid_api_key", "the API key is not valid");
            return;
        }
        if (!options.siteId().equals(site)) {
            error(exchange, 404, "unknown_site", "no site with this id for this API key");
            return;
        }
        listingRequests.incrementAndGet();
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (failStatus == 429) {
                exchange.getResponseHeaders().set("Retry-After", "0");
            }
            error(exchange, failStatus, "injected", "simulated failure");
            return;
        }
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        int page = intParam(query, "page", 1);
        int pageSize = intParam(query, "pageSize", DEFAULT_PAGE_SIZE);
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            error(exchange, 400, "invalid_paging", "page must be >= 1 and pageSize 1.." + MAX_PAGE_SIZE);
            return;
        }
        List<ObjectNode> items;
        if (kind.equals("endpoints")) {
            items = listings.endpoints();
        } else {
            Instant start;
            Instant end;
            try {
                start = Instant.parse(query.getOrDefault("startDate", ""));
                end = Instant.parse(query.getOrDefault("endDate", ""));
            } catch (DateTimeParseException e) {
                error(exchange, 400, "invalid_range", "startDate and endDate must be ISO-8601 instants");
                return;
            }
            items = reads(start, end);
        }
        int totalPages = (items.size() + pageSize - 1) / pageSize;
        ObjectNode answer = json.createObjectNode();
        answer.put("siteId", site);
        answer.put("page", page);
        answer.put("pageSize", pageSize);
        answer.put("totalPages", totalPages);
        answer.put("totalItems", items.size());
        ArrayNode array = answer.putArray(kind);
        int from = Math.min(items.size(), (page - 1) * pageSize);
        items.subList(from, Math.min(items.size(), from + pageSize)).forEach(array::add);
        byte[] body = json.writeValueAsBytes(answer);
        if (malformNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            body = java.util.Arrays.copyOf(body, body.length / 2);
        }
        send(exchange, 200, body);
    }

    private List<ObjectNode> reads(Instant start, Instant end) {
        CachedReads cached = cachedReads;
        if (cached == null || !cached.start().equals(start) || !cached.end().equals(end)) {
            cached = new CachedReads(start, end, listings.reads(start, end));
            cachedReads = cached;
        }
        return cached.items();
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode answer = json.createObjectNode();
        answer.put("error", code);
        answer.put("message", message);
        send(exchange, status, json.writeValueAsBytes(answer));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
