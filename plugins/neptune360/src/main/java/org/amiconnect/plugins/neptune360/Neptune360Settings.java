package org.amiconnect.plugins.neptune360;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;

/**
 * Settings of a Neptune 360 source. The secrets are the predecessor's (python-ami-connect §3.2: {@code site_id,
 * api_key, client_id, client_secret}); every one of them is a {@link Secret}, never logged nor shown.
 *
 * @param apiUrl base URL of the Neptune 360 API; empty when the source is simulated (the simulator's address is used)
 * @param siteId the utility's site in Neptune 360 (secrets.yaml)
 * @param apiKey the API key sent with every listing request (secrets.yaml)
 * @param clientId OAuth client id of the client-credentials grant (secrets.yaml)
 * @param clientSecret OAuth client secret (secrets.yaml)
 * @param pageSize items asked for per listing page (1..1000)
 * @param maxRetries attempts of one HTTP call that meets a rate limit, a 5xx or a broken connection
 * @param retryBackoff first backoff of those retries (when a 429 names no wait); doubled each time, with jitter
 * @param requestTimeout timeout of one HTTP call
 */
public record Neptune360Settings(
        Optional<URI> apiUrl,
        Secret siteId,
        Secret apiKey,
        Secret clientId,
        Secret clientSecret,
        int pageSize,
        int maxRetries,
        Duration retryBackoff,
        Duration requestTimeout) implements SourceSettings {

    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final int MAX_PAGE_SIZE = 1000;

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        apiUrl.ifPresent(url -> m.put("api_url", url.toString()));
        m.put("page_size", pageSize);
        m.put("max_retries", maxRetries);
        m.put("retry_backoff", retryBackoff.toString());
        m.put("request_timeout", requestTimeout.toString());
        Map<String, Object> masked = new LinkedHashMap<>();
        secrets().keySet().forEach(key -> masked.put(key, Secret.MASK));
        m.put("secrets", masked);
        return m;
    }

    /** {@code site_id}, {@code api_key}, {@code client_id} and {@code client_secret}, as keyed in secrets.yaml. */
    @Override
    public Map<String, Secret> secrets() {
        Map<String, Secret> m = new LinkedHashMap<>();
        m.put("site_id", siteId);
        m.put("api_key", apiKey);
        m.put("client_id", clientId);
        m.put("client_secret", clientSecret);
        return m;
    }
}
