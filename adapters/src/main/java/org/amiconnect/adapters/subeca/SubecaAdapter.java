package org.amiconnect.adapters.subeca;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;

/** Subeca's account and usage API: config type {@code subeca} (predecessor §2.5). */
public final class SubecaAdapter implements SourceAdapter {

    public static final String TYPE = "subeca";
    public static final String VENDOR = "subeca";

    /** Account documents; the predecessor's table and key. */
    public static final RawEntity ACCOUNT = new RawEntity(VENDOR, "account", SubecaAccount.class, "subeca_account_base",
            Map.of(), List.of("deviceId"));
    /** Hourly usages (interval reads); the predecessor's table and key. */
    public static final RawEntity USAGE = new RawEntity(VENDOR, "usage", SubecaUsage.class, "subeca_usage_base",
            Map.of(), List.of("deviceId", "usageTime"));
    /** Each device's latest reading (a register read); the predecessor's table and key. */
    public static final RawEntity LATEST_READING = new RawEntity(VENDOR, "latest-reading", SubecaLatestReading.class,
            "subeca_device_latest_read_base", Map.of(), List.of("deviceId", "usageTime"));

    /**
     * How long a read waits for its account. Each account is published before its reads, so only a usage of a device
     * that is no account's current device waits this long; it is then kept with the account it was requested for (the
     * predecessor dropped it).
     */
    static final Duration METADATA_GRACE = Duration.ofSeconds(10);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
        String url = source.requiredString("api_url", "the utility's Subeca API URL, e.g. https://<name>.api.subeca.online");
        URI api = URI.create("https://invalid.example");
        if (url != null) {
            try {
                api = URI.create(url);
                if (api.getScheme() == null || api.getHost() == null) {
                    source.error("api_url", "'" + url + "' is not an absolute URL like https://<name>.api.subeca.online");
                }
            } catch (IllegalArgumentException e) {
                source.error("api_url", "'" + url + "' is not a URL");
            }
        }
        Secret apiKey = secrets.requiredSecret("api_key", "the Subeca API key (sent as x-subeca-api-key)");
        return new SubecaSettings(api, apiKey,
                source.integer("page_size", 100, 1, 1_000),
                source.integer("max_attempts", 3, 1, 100),
                source.duration("retry_backoff", Duration.ofSeconds(1)),
                source.duration("request_timeout", Duration.ofMinutes(2)));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(ACCOUNT, USAGE, LATEST_READING);
    }

    /** The predecessor's one extract: 2 days at 12:00 in the source's zone. */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new SubecaExtractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new SubecaNormalizer(source.timezone());
    }

    /**
     * Accounts are metadata; usages and latest readings are reads joined to them. A latest reading at the flowtime of
     * an interval read is merged with it into one read by the transformer's merge of observations of the same
     * (org, device, flowtime), in either order. Reads are not held back as halves: a latest reading is taken at the
     * time of the device's last message, which seldom is an hour of the usages, so holding every interval read for a
     * register would delay them all for the rare match.
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(EntityPlan.metadata(ACCOUNT), EntityPlan.reads(USAGE),
                EntityPlan.reads(LATEST_READING)),
                new JoinRules(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA, false, Duration.ZERO,
                        Duration.ofDays(7), Duration.ofDays(36_500)));
    }
}
