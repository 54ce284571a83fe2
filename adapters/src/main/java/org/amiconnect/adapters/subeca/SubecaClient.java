package org.amiconnect.adapters.subeca;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.adapters.http.HttpRetry;
import org.amiconnect.adapters.http.JsonApi;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;

/**
 * Client of a utility's Subeca API (predecessor §2.5), authenticated with the {@code x-subeca-api-key} header:
 * account ids from {@code GET /v1/accounts?pageSize=…} following {@code nextToken}; per account its hourly usages
 * ({@code POST /v1/accounts/{id}/usages}, in cubic feet, over whole UTC days) and its document
 * ({@code GET /v1/accounts/{id}?readUnit=cf}, with the device and its latest reading). Each call is tried up to
 * {@code max_attempts} times (the predecessor's 3) on 500/502/503/504, on 429 (its Retry-After honoured) and on broken
 * connections; 401/403 fail at once naming the org and host; any other status, and a body that is not JSON, fail
 * naming the request ({@link JsonApi}).
 */
public final class SubecaClient {

    /** The predecessor's hard cap on account pages. */
    static final int MAX_PAGES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String orgId;
    private final SubecaSettings settings;
    private final JsonApi api;

    public SubecaClient(String orgId, SubecaSettings settings, URI baseUrl) {
        this.orgId = orgId;
        this.settings = settings;
        this.api = new JsonApi("Subeca", orgId, baseUrl,
                new HttpRetry(settings.maxAttempts(), settings.retryBackoff(), Duration.ofMinutes(1)),
                status -> status == 500 || status == 502 || status == 503 || status == 504);
    }

    /** Every account id, in the order first listed; a repeated id is listed once. */
    public Set<String> accountIds() throws ExtractException, InterruptedException {
        Set<String> ids = new LinkedHashSet<>();
        String token = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String path = "/v1/accounts?pageSize=" + settings.pageSize()
                    + (token == null ? "" : "&nextToken=" + encode(token));
            JsonNode body = api.call(get(path), "GET " + path);
            JsonNode data = body.path("data");
            if (!data.isArray()) {
                throw new ExtractException(Kind.PERMANENT, "Subeca source '" + orgId + "': GET " + path
                        + " answered JSON without a 'data' list");
            }
            for (JsonNode account : data) {
                String id = account.path("accountId").asText("");
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
            JsonNode next = body.path("nextToken");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
                return ids;
            }
            token = next.asText();
        }
        throw new ExtractException(Kind.PERMANENT, "Subeca source '" + orgId + "': the account list still had a "
                + "nextToken after " + MAX_PAGES + " pages");
    }

    /**
     * The hourly usages of one account over whole days, in cubic feet: the answer's {@code data.hourly} map
     * (ISO timestamp → {@code {deviceId, unit, value}}), or an empty object when it has none.
     *
     * @param start the first UTC day
     * @param end the last UTC day
     */
    public JsonNode hourlyUsages(String accountId, LocalDate start, LocalDate end)
            throws ExtractException, InterruptedException {
        String path = "/v1/accounts/" + encode(accountId) + "/usages";
        ObjectNode body = JSON.createObjectNode();
        body.put("readUnit", "cf");
        body.put("granularity", "hourly");
        ObjectNode period = body.putObject("referencePeriod");
        period.put("start", start.toString());
        period.put("end", end.toString());
        period.put("utcOffset", "+00:00");
        HttpRequest request = HttpRequest.newBuilder(api.uri(path))
                .timeout(settings.requestTimeout())
                .header("x-subeca-api-key", settings.apiKey().reveal())
                .header("accept", "application/json")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode hourly = api.call(request, "POST " + path + " " + start + ".." + end).path("data").path("hourly");
        return hourly.isObject() ? hourly : JSON.createObjectNode();
    }

    /** The account's document (with {@code device.latestReading}). */
    public JsonNode account(String accountId) throws ExtractException, InterruptedException {
        String path = "/v1/accounts/" + encode(accountId) + "?readUnit=cf";
        JsonNode account = api.call(get(path), "GET " + path);
        if (!account.isObject()) {
            throw new ExtractException(Kind.PERMANENT, "Subeca source '" + orgId + "': GET " + path
                    + " answered JSON that is not an account document");
        }
        return account;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(api.uri(path))
                .timeout(settings.requestTimeout())
                .header("x-subeca-api-key", settings.apiKey().reveal())
                .header("accept", "application/json")
                .header("content-type", "application/json")
                .GET()
                .build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
