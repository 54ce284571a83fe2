package org.amiconnect.adapters.beacon360;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.vendorfile.TextEncoding;

/**
 * Settings of a Beacon 360 source.
 *
 * @param apiUrl base URL of the Beacon AMA API
 * @param user API user (secrets.yaml)
 * @param password API password (secrets.yaml)
 * @param pollInterval wait between report status polls (the vendor needs minutes for large reports)
 * @param maxPolls status polls before giving up on a report
 * @param maxRetries attempts of one HTTP call that meets a rate limit, a 5xx or a broken connection
 * @param retryBackoff first backoff of those retries; doubled each time, with jitter
 * @param requestTimeout timeout of one HTTP call
 * @param encoding the reports' character set when the source names one ({@code encoding}); else the download's
 *     Content-Type charset, else UTF-8 (see {@link TextEncoding})
 * @param rawDataCache the folder of the raw-report cache when {@code use_raw_data_cache} is on
 *     ({@code cache_folder}, default {@code ./output}; see {@link Beacon360ReportCache}); empty when off
 * @param reportRowCap the most rows Beacon puts in one report ({@code report_row_cap}, default 1,200,000): longer
 *     ranges are asked for in several reports ({@link Beacon360RangeReports})
 * @param expectedConnections the utility's connection count ({@code expected_connections}), with which a window is
 *     split before Beacon is asked; 0 when not configured (then it is learned from the reports)
 */
public record Beacon360Settings(
        URI apiUrl,
        Secret user,
        Secret password,
        Duration pollInterval,
        int maxPolls,
        int maxRetries,
        Duration retryBackoff,
        Duration requestTimeout,
        Optional<Charset> encoding,
        Optional<Path> rawDataCache,
        long reportRowCap,
        long expectedConnections) implements SourceSettings {

    public static final URI DEFAULT_API_URL = URI.create("https://api.beaconama.net");
    /** Beacon's cap on the rows of one report (python-ami-connect §2.2). */
    public static final long DEFAULT_REPORT_ROW_CAP = 1_200_000L;

    public Beacon360Settings {
        encoding = encoding == null ? Optional.empty() : encoding;
        rawDataCache = rawDataCache == null ? Optional.empty() : rawDataCache;
    }

    /** Settings without the raw-report cache, with Beacon's row cap and no expected connection count. */
    public Beacon360Settings(URI apiUrl, Secret user, Secret password, Duration pollInterval, int maxPolls,
            int maxRetries, Duration retryBackoff, Duration requestTimeout, Optional<Charset> encoding) {
        this(apiUrl, user, password, pollInterval, maxPolls, maxRetries, retryBackoff, requestTimeout, encoding,
                Optional.empty(), DEFAULT_REPORT_ROW_CAP, 0);
    }

    /** Settings without a configured character set. */
    public Beacon360Settings(URI apiUrl, Secret user, Secret password, Duration pollInterval, int maxPolls,
            int maxRetries, Duration retryBackoff, Duration requestTimeout) {
        this(apiUrl, user, password, pollInterval, maxPolls, maxRetries, retryBackoff, requestTimeout, Optional.empty(),
                Optional.empty(), DEFAULT_REPORT_ROW_CAP, 0);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_url", apiUrl.toString());
        m.put("poll_interval", pollInterval.toString());
        m.put("max_polls", maxPolls);
        m.put("max_retries", maxRetries);
        m.put("retry_backoff", retryBackoff.toString());
        m.put("request_timeout", requestTimeout.toString());
        encoding.ifPresent(charset -> m.put(TextEncoding.CONFIG_KEY, charset.name()));
        m.put("use_raw_data_cache", rawDataCache.isPresent());
        rawDataCache.ifPresent(folder -> m.put("cache_folder", folder.toString()));
        m.put("report_row_cap", reportRowCap);
        if (expectedConnections > 0) {
            m.put("expected_connections", expectedConnections);
        }
        m.put("secrets", Map.of("user", Secret.MASK, "password", Secret.MASK));
        return m;
    }

    /** {@code user} and {@code password}, as keyed in secrets.yaml. */
    @Override
    public Map<String, Secret> secrets() {
        return Map.of("user", user, "password", password);
    }
}
