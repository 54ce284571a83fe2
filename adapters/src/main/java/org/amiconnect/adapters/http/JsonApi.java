package org.amiconnect.adapters.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON HTTP API of a vendor, as the REST vendor clients (Sentryx, Subeca) call it: a request is sent, retried when
 * the vendor is rate limiting (429, waiting what its {@code Retry-After} asks, else the backoff), failing on its side
 * (the statuses {@code retryable} names) or unreachable (exponential backoff with jitter, {@link HttpRetry}); refused
 * credentials (401, 403) fail at once as {@link Kind#AUTH}; any other status and a body that is not JSON fail as
 * {@link Kind#PERMANENT}. Every error names the org, the vendor's host and the request (method and path, never a
 * credential). Numbers are read as exact {@link java.math.BigDecimal}s, so their text is the vendor's digits ({@code 2751.0}
 * stays {@code 2751.0}).
 */
public final class JsonApi {

    private static final Logger log = LoggerFactory.getLogger(JsonApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final String vendor;
    private final String orgId;
    private final URI baseUrl;
    private final HttpClient http;
    private final HttpRetry retry;
    private final IntPredicate retryable;

    /**
     * @param vendor the vendor's name for messages, e.g. {@code Sentryx}
     * @param orgId the source's org, named in every message
     * @param baseUrl the API's base address; request paths are resolved against it
     * @param retry attempts and backoff of one request
     * @param retryable the non-429 statuses worth another attempt (429 always is)
     */
    public JsonApi(String vendor, String orgId, URI baseUrl, HttpRetry retry, IntPredicate retryable) {
        this.vendor = vendor;
        this.orgId = orgId;
        this.baseUrl = baseUrl;
        this.retry = retry;
        this.retryable = retryable;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** The absolute URI of {@code pathAndQuery} (which starts with {@code /}). */
    public URI uri(String pathAndQuery) {
        return baseUrl.resolve(pathAndQuery);
    }

    /**
     * Sends {@code request} until it succeeds (2xx) or fails for good, and reads its body as JSON.
     *
     * @param what the request for messages, e.g. {@code GET /v1-wm/sites/x/devices?pager.skip=25}
     * @return the parsed body (a missing node for an empty body)
     * @throws ExtractException AUTH for 401/403, TRANSIENT when retries ran out, PERMANENT for other statuses and
     *     bodies that are not JSON
     */
    public JsonNode call(HttpRequest request, String what) throws ExtractException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new ExtractException(Kind.TRANSIENT, where() + what + " failed after " + attempt
                            + " attempt(s): " + e, e);
                }
                backoff(attempt, what + " failed: " + e);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), what);
            }
            if (status == 401 || status == 403) {
                throw new ExtractException(Kind.AUTH, where() + vendor + " at " + baseUrl.getHost()
                        + " refused the api_key in secrets.yaml sources." + orgId + " (HTTP " + status + " on " + what + ")");
            }
            boolean again = status == 429 || retryable.test(status);
            if (!again) {
                throw new ExtractException(Kind.PERMANENT, where() + what + " answered HTTP " + status + " "
                        + abbreviate(response.body()));
            }
            if (attempt >= retry.maxAttempts()) {
                throw new ExtractException(Kind.TRANSIENT, where() + what + " answered HTTP " + status + " "
                        + attempt + " times; last answer: " + abbreviate(response.body()));
            }
            Optional<Duration> asked = status == 429
                    ? response.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.ofHeader(v, Clock.systemUTC()))
                    : Optional.empty();
            if (asked.isPresent()) {
                log.warn("{}{} was rate limited; waiting {} as its Retry-After asks (attempt {}/{})", where(), what,
                        RetryAfter.describe(asked.get()), attempt, retry.maxAttempts());
                HttpRetry.sleep(asked.get());
            } else {
                backoff(attempt, what + " answered HTTP " + status);
            }
        }
    }

    private JsonNode parse(String body, String what) throws ExtractException {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ExtractException(Kind.PERMANENT, where() + what + " answered with a body that is not JSON ("
                    + firstLine(e.getMessage()) + "): " + abbreviate(body), e);
        }
    }

    private void backoff(int attempt, String why) throws InterruptedException {
        Duration wait = retry.backoff(attempt);
        log.warn("{}{}; retrying in {} ms (attempt {}/{})", where(), why, wait.toMillis(), attempt, retry.maxAttempts());
        HttpRetry.sleep(wait);
    }

    private String where() {
        return vendor + " source '" + orgId + "' (" + baseUrl.getHost() + "): ";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
