package org.amiconnect.adapters.sentryx;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Sentryx source.
 *
 * @param apiUrl base URL of the Sentryx API (the protocol's paths {@code /v1-wm/sites/...} are appended)
 * @param utilityName the utility's name in Sentryx, as used to create its API credentials (predecessor key
 *     {@code utility_name}; default: the org_id)
 * @param apiKey the API key, sent as the raw {@code Authorization} header (secrets.yaml {@code api_key})
 * @param pageSize devices or consumption meters per page ({@code pager.take} / {@code take}; the predecessor's 25)
 * @param maxRetries attempts of one HTTP call that meets a rate limit, a 5xx or a broken connection
 * @param retryBackoff first backoff of those retries; doubled each time, with jitter; a 429's Retry-After wins
 * @param requestTimeout timeout of one HTTP call
 */
public record SentryxSettings(
        URI apiUrl,
        String utilityName,
        Secret apiKey,
        int pageSize,
        int maxRetries,
        Duration retryBackoff,
        Duration requestTimeout) implements SourceSettings {

    public static final URI DEFAULT_API_URL = URI.create("https://api.sentryx.io");

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_url", apiUrl.toString());
        m.put("utility_name", utilityName);
        m.put("page_size", pageSize);
        m.put("max_retries", maxRetries);
        m.put("retry_backoff", retryBackoff.toString());
        m.put("request_timeout", requestTimeout.toString());
        m.put("secrets", Map.of("api_key", Secret.MASK));
        return m;
    }

    /** {@code api_key}, as keyed in secrets.yaml. */
    @Override
    public Map<String, Secret> secrets() {
        return Map.of("api_key", apiKey);
    }
}
