package org.amiconnect.plugins.neptune360;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.concurrent.RetryBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Neptune 360 API as this plug-in models it (see the module README: a model of the public description,
 * not Neptune's documented API): an OAuth 2 client-credentials token ({@code POST /oauth/token}, HTTP Basic with
 * {@code client_id:client_secret}), then the site's endpoint and read listings
 * ({@code GET /v1/sites/{site_id}/endpoints|reads?page=&pageSize=}, bearer token and {@code X-Api-Key}), page by
 * page until {@code totalPages}.
 *
 * <p>Rate limits (429) wait as long as {@code Retry-After} asks, else back off; 5xx, 408 and broken connections back
 * off exponentially with jitter; both up to {@code max_retries} attempts. Refused credentials (401, 403) fail at once
 * with {@link Kind#AUTH}; an answer that is not the expected JSON fails with {@link Kind#PERMANENT} naming the
 * request. Errors name the org and the API host, never a credential or the token.
 */
public final class Neptune360Client {

    private static final Logger log = LoggerFactory.getLogger(Neptune360Client.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** A token is renewed this long before the API said it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    /** The two listings of a site, by their path segment and the field of each page that holds the items. */
    public enum Listing {
        ENDPOINTS("endpoints"),
        READS("reads");

        final String path;

        Listing(String path) {
            this.path = path;
        }

        /** The path segment and the items field of a page, e.g. {@code endpoints}. */
        public String field() {
            return path;
        }
    }

    /** Receives the items of a listing in order. */
    @FunctionalInterface
    public interface PageHandler {
        /**
         * @param items the page's JSON array of items
         * @param request names the request in messages and raw records, e.g. {@code GET /v1/sites/…/reads page 2}
         */
        void page(JsonNode items, String request) throws ExtractException, InterruptedException;
    }

    private final String orgId;
    private final Neptune360Settings settings;
    private final URI baseUrl;
    private final HttpClient http;
    private final RetryBackoff backoff;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /**
     * @param baseUrl the API's base address (the source's {@code api_url}, or the simulator's)
     */
    public Neptune360Client(String orgId, Neptune360Settings settings, URI baseUrl, Clock clock) {
        this.orgId = orgId;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.backoff = RetryBackoff.withEqualJitter(settings.retryBackoff(), MAX_BACKOFF);
    }

    /**
     * Walks every page of a listing of the site, in page order.
     *
     * @param start for {@link Listing#READS}: the first read time listed (inclusive, UTC); null for endpoints
     * @param end for {@link Listing#READS}: the read time the listing stops before (exclusive, UTC); null for endpoints
     * @param handler receives each page's items, in page order
     * @return the number of pages the listing had
     * @throws ExtractException {@link Kind#AUTH} for refused credentials, {@link Kind#TRANSIENT} when retries ran
     *     out, {@link Kind#PERMANENT} for any other unusable answer; each names the org, the host and the request
     */
    public int list(Listing listing, Instant start, Instant end, PageHandler handler)
            throws ExtractException, InterruptedException {
        int pages = 1;
        for (int page = 1; page <= pages; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            if (start != null) {
                params.put("startDate", DateTimeFormatter.ISO_INSTANT.format(start));
                params.put("endDate", DateTimeFormatter.ISO_INSTANT.format(end));
            }
            params.put("page", Integer.toString(page));
            params.put("pageSize", Integer.toString(settings.pageSize()));
            String path = "/v1/sites/" + encode(settings.siteId().reveal()) + "/" + listing.path;
            // the site id is a secret: requests are named with a placeholder
            String request = "GET /v1/sites/{site_id}/" + listing.path + " page " + page;
            JsonNode body = getJson(path + "?" + query(params), request);
            JsonNode items = body.get(listing.field());
            if (items == null || !items.isArray()) {
                throw new ExtractException(Kind.PERMANENT, where() + request + " answered without an array '"
                        + listing.field() + "': " + abbreviate(body.toString()));
            }
            JsonNode total = body.get("totalPages");
            if (total == null || !total.canConvertToInt() || total.asInt() < 0) {
                throw new ExtractException(Kind.PERMANENT, where() + request + " answered without a usable "
                        + "'totalPages': " + abbreviate(String.valueOf(total)));
            }
            pages = total.asInt();
            handler.page(items, request);
        }
        return Math.max(pages, 0);
    }

    private JsonNode getJson(String pathAndQuery, String request) throws ExtractException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest get = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token())
                    .header("X-Api-Key", settings.apiKey().reveal())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<String> response = send(get, attempt, request);
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body(), request);
            }
            if (status == 401 || status == 403) {
                throw new ExtractException(Kind.AUTH, where() + "Neptune 360 refused " + request + " (HTTP " + status
                        + "): check api_key and site_id in secrets.yaml sources." + orgId);
            }
            retryOrFail(response, attempt, request);
        }
    }

    /** The bearer token, fetched (again) when there is none or it is about to expire. */
    private String token() throws ExtractException, InterruptedException {
        if (token != null && clock.instant().isBefore(tokenExpires.minus(TOKEN_MARGIN))) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((settings.clientId().reveal() + ":"
                + settings.clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        String request = "POST /oauth/token";
        for (int attempt = 1; ; attempt++) {
            HttpRequest post = HttpRequest.newBuilder(baseUrl.resolve("/oauth/token"))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            HttpResponse<String> response = send(post, attempt, request);
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                JsonNode body = parse(response.body(), request);
                JsonNode accessToken = body.get("access_token");
                if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
                    throw new ExtractException(Kind.PERMANENT, where() + request + " answered without an access_token");
                }
                long seconds = body.path("expires_in").asLong(3600);
                token = accessToken.asText();
                tokenExpires = clock.instant().plusSeconds(Math.max(seconds, 0));
                log.debug("{}token valid for {} s", where(), seconds);
                return token;
            }
            if (status == 400 || status == 401 || status == 403) {
                throw new ExtractException(Kind.AUTH, where() + "Neptune 360 refused the client credentials (HTTP "
                        + status + "): check client_id and client_secret in secrets.yaml sources." + orgId);
            }
            retryOrFail(response, attempt, request);
        }
    }

    /** Waits before the next attempt of a retryable answer, or throws when the answer is final or attempts ran out. */
    private void retryOrFail(HttpResponse<String> response, int attempt, String request)
            throws ExtractException, InterruptedException {
        int status = response.statusCode();
        boolean retryable = status == 429 || status == 408 || status >= 500;
        if (!retryable) {
            throw new ExtractException(Kind.PERMANENT, where() + request + " answered HTTP " + status + " "
                    + abbreviate(response.body()));
        }
        if (attempt >= settings.maxRetries()) {
            throw new ExtractException(Kind.TRANSIENT, where() + request + " answered HTTP " + status + " "
                    + attempt + " times: " + abbreviate(response.body()));
        }
        Optional<Duration> asked = status == 429 ? retryAfter(response) : Optional.empty();
        Duration wait = asked.orElseGet(() -> backoff.after(attempt));
        log.warn("{}{} answered HTTP {}; retrying in {} ms{} (attempt {}/{})", where(), request, status,
                wait.toMillis(), asked.isPresent() ? " as asked by Retry-After" : "", attempt, settings.maxRetries());
        sleep(wait);
    }

    /** Sends a request; a broken connection is retried with backoff and answered with null (try again). */
    private HttpResponse<String> send(HttpRequest request, int attempt, String what)
            throws ExtractException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (attempt >= settings.maxRetries()) {
                throw new ExtractException(Kind.TRANSIENT, where() + what + " failed " + attempt + " times: " + e, e);
            }
            Duration wait = backoff.after(attempt);
            log.warn("{}{} failed: {}; retrying in {} ms (attempt {}/{})", where(), what, e, wait.toMillis(), attempt,
                    settings.maxRetries());
            sleep(wait);
            return null;
        }
    }

    private JsonNode parse(String body, String request) throws ExtractException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ExtractException(Kind.PERMANENT, where() + request + " answered with JSON that is not an "
                        + "object: " + abbreviate(body));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ExtractException(Kind.PERMANENT, where() + request + " answered with invalid JSON ("
                    + e.getOriginalMessage() + "): " + abbreviate(body), e);
        }
    }

    /** A Retry-After header in seconds or as an HTTP-date; empty when there is none or it is unusable. */
    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration left = Duration.between(clock.instant(),
                        ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(left.isNegative() ? Duration.ZERO : left);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration wait) throws InterruptedException {
        if (wait.toMillis() > 0) {
            Thread.sleep(wait.toMillis());
        }
    }

    /** Names the org and the API host (never a credential). */
    private String where() {
        return "neptune source '" + orgId + "' (" + baseUrl.getHost()
                + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "") + "): ";
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
