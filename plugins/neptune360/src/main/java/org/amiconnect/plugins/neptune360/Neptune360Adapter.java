package org.amiconnect.plugins.neptune360;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neptune 360 as a plug-in: config type {@code neptune} (the predecessor's), found by {@code ServiceLoader} when this
 * jar is on the class path. The site's endpoints become meters and its reads are joined to them by the transformer
 * (endpoint = metadata, read = reads).
 */
public final class Neptune360Adapter implements SourceAdapter {

    private static final Logger log = LoggerFactory.getLogger(Neptune360Adapter.class);

    public static final String TYPE = "neptune";
    public static final String VENDOR = "neptune360";

    /** The site's endpoints (meters), one raw row per meter_number-miu_id. */
    public static final RawEntity ENDPOINT = new RawEntity(VENDOR, "endpoint", Neptune360Endpoint.class,
            "neptune_endpoint_base", Map.of(), List.of("meterNumber", "miuId"));
    /** The site's reads, one raw row per device and read time. */
    public static final RawEntity READ = new RawEntity(VENDOR, "read", Neptune360Read.class,
            "neptune_read_base", Map.of(), List.of("meterNumber", "miuId", "readTime"));

    /** How long a read waits for its endpoint before it is published without account and location. */
    static final Duration METADATA_GRACE = Duration.ofMinutes(10);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    /**
     * Reads {@code api_url} (required unless the source is simulated), {@code page_size}, {@code max_retries},
     * {@code retry_backoff}, {@code request_timeout}, and the secrets {@code site_id, api_key, client_id,
     * client_secret}. The predecessor's {@code external_adapter_location} is accepted and ignored: the jar on the
     * class path replaces it.
     */
    @Override
    public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
        Optional<URI> api = Optional.empty();
        Optional<String> url = source.optionalString("api_url");
        if (url.isPresent()) {
            try {
                URI uri = URI.create(url.get());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    source.error("api_url", "'" + url.get() + "' is not an absolute URL like https://neptune.example.com");
                } else {
                    api = Optional.of(uri);
                }
            } catch (IllegalArgumentException e) {
                source.error("api_url", "'" + url.get() + "' is not a URL");
            }
        } else if (!source.has("simulate")) {
            source.error("api_url", "missing; expected the base URL of the utility's Neptune 360 API");
        }
        if (source.has("external_adapter_location")) {
            source.string("external_adapter_location", null);
            log.info("{}: {}.external_adapter_location is ignored: the Neptune 360 adapter is the plug-in jar on the "
                    + "class path", source.file(), source.path());
        }
        Secret siteId = secrets.requiredSecret("site_id", "the utility's Neptune 360 site id");
        Secret apiKey = secrets.requiredSecret("api_key", "the Neptune 360 API key");
        Secret clientId = secrets.requiredSecret("client_id", "the Neptune 360 OAuth client id");
        Secret clientSecret = secrets.requiredSecret("client_secret", "the Neptune 360 OAuth client secret");
        return new Neptune360Settings(api, siteId, apiKey, clientId, clientSecret,
                source.integer("page_size", Neptune360Settings.DEFAULT_PAGE_SIZE, 1, Neptune360Settings.MAX_PAGE_SIZE),
                source.integer("max_retries", 5, 1, 100),
                source.duration("retry_backoff", Duration.ofSeconds(2)),
                source.duration("request_timeout", Duration.ofMinutes(2)));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(ENDPOINT, READ);
    }

    /**
     * The daily 2-day window at 12:00 and a re-pull of one day a week back at 10:00 for reads that arrive late, in the
     * source's zone. The predecessor's Neptune schedule is private; this is our choice.
     */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(
                new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"),
                new ScheduledExtract("lagged", Duration.ofDays(1), Duration.ofDays(7), "0 10 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new Neptune360Extractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new Neptune360Normalizer(source.timezone());
    }

    /**
     * Endpoints are metadata, reads are joined to them on {@code org|meter_number-miu_id}; a read whose endpoint has
     * not arrived after {@link #METADATA_GRACE} is published without account and location. Reads are de-duplicated
     * over a week of flowtimes (the lagged re-pull is a week back).
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(EntityPlan.metadata(ENDPOINT), EntityPlan.reads(READ)),
                new JoinRules(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA, false, Duration.ZERO,
                        Duration.ofDays(8), Duration.ofDays(36_500)));
    }
}
