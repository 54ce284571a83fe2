package org.amiconnect.adapters.sentryx;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.adapters.http.HttpRetry;
import org.amiconnect.adapters.http.JsonApi;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Sentryx water-meter API (predecessor §2.4): {@code GET /v1-wm/sites/{utility}/devices} paged with
 * {@code pager.skip}/{@code pager.take}, and {@code GET /v1-wm/sites/{utility}/devices/consumption} paged with
 * {@code skip}/{@code take} over a {@code StartDate}/{@code EndDate} range. The API key is the raw
 * {@code Authorization} header. Pages advance by the number of meters received and stop at the first empty page, as
 * the predecessor did. 429 (its Retry-After honoured), 5xx and broken connections are retried with backoff (the
 * predecessor did not retry); 401/403 fail at once, naming the org and host; a body that is not JSON fails naming the
 * request ({@link JsonApi}).
 */
public final class SentryxClient {

    private static final Logger log = LoggerFactory.getLogger(SentryxClient.class);
    /** Python's {@code datetime.isoformat()} of a whole second, as the predecessor sent it. */
    static final DateTimeFormatter RANGE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** A guard against an API that never answers an empty page. */
    private static final int MAX_PAGES = 1_000_000;

    private final String orgId;
    private final SentryxSettings settings;
    private final JsonApi api;
    private final String sitePath;

    public SentryxClient(String orgId, SentryxSettings settings, URI baseUrl) {
        this.orgId = orgId;
        this.settings = settings;
        this.api = new JsonApi("Sentryx", orgId, baseUrl,
                new HttpRetry(settings.maxRetries(), settings.retryBackoff(), Duration.ofMinutes(5)),
                HttpRetry::retryable);
        this.sitePath = "/v1-wm/sites/" + URLEncoder.encode(settings.utilityName(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /**
     * Hands every device of the utility to {@code device}, page by page, in the vendor's order.
     *
     * @return the number of devices
     */
    public long devices(Consumer<JsonNode> device) throws ExtractException, InterruptedException {
        return pages(skip -> sitePath + "/devices?pager.skip=" + skip + "&pager.take=" + settings.pageSize(), device);
    }

    /**
     * Hands every consumption meter (a device and its {@code data} points) of the local-time range to {@code meter}.
     *
     * @param start the range start, the utility's local wall-clock time
     * @param end the range end, the utility's local wall-clock time
     * @return the number of consumption meters
     */
    public long consumption(LocalDateTime start, LocalDateTime end, Consumer<JsonNode> meter)
            throws ExtractException, InterruptedException {
        String range = "&StartDate=" + RANGE_FORMAT.format(start) + "&EndDate=" + RANGE_FORMAT.format(end);
        return pages(skip -> sitePath + "/devices/consumption?skip=" + skip + "&take=" + settings.pageSize() + range,
                meter);
    }

    private interface PagePath {
        String of(long skip);
    }

    private long pages(PagePath path, Consumer<JsonNode> item) throws ExtractException, InterruptedException {
        long skip = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            String pathAndQuery = path.of(skip);
            String what = "GET " + pathAndQuery;
            JsonNode body = api.call(HttpRequest.newBuilder(api.uri(pathAndQuery))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", settings.apiKey().reveal())
                    .header("Accept", "application/json")
                    .GET()
                    .build(), what);
            JsonNode meters = body.path("meters");
            if (!body.isObject() || !(meters.isArray() || meters.isMissingNode() || meters.isNull())) {
                throw new ExtractException(Kind.PERMANENT, "Sentryx source '" + orgId + "': " + what
                        + " answered JSON without a 'meters' list: " + abbreviate(body.toString()));
            }
            if (meters.size() == 0) {
                log.debug("Sentryx source '{}': {} items in {} page(s)", orgId, skip, page - 1);
                return skip;
            }
            meters.forEach(item);
            skip += meters.size();
        }
        throw new ExtractException(Kind.PERMANENT, "Sentryx source '" + orgId + "': no empty page after " + MAX_PAGES
                + " pages of " + path.of(skip));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
