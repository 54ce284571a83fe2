package org.amiconnect.adapters.subeca;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Subeca source.
 *
 * @param apiUrl the utility's Subeca API, e.g. {@code https://<name>.api.subeca.online} (predecessor key {@code api_url})
 * @param apiKey sent as {@code x-subeca-api-key} (secrets.yaml {@code api_key})
 * @param pageSize accounts per page of the account list ({@code pageSize}; the predecessor's 100)
 * @param maxAttempts attempts of one call that meets a 5xx, a 429 or a broken connection (the predecessor's 3)
 * @param retryBackoff first backoff of those retries (the predecessor's 1 s), doubled each time, with jitter; a 429's
 *     Retry-After wins
 * @param requestTimeout timeout of one HTTP call
 */
public record SubecaSettings(
        URI apiUrl,
        Secret apiKey,
        int pageSize,
        int maxAttempts,
        Duration retryBackoff,
        Duration requestTimeout) implements SourceSettings {

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_url", apiUrl.toString());
        m.put("page_size", pageSize);
        m.put("max_attempts", maxAttempts);
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
