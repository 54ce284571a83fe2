package org.amiconnect.adapters.sentryx;

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
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mueller Systems Sentryx REST API: config type {@code sentryx} (predecessor §2.4). */
public final class SentryxAdapter implements SourceAdapter {

    private static final Logger log = LoggerFactory.getLogger(SentryxAdapter.class);

    public static final String TYPE = "sentryx";
    public static final String VENDOR = "sentryx";

    /** The device list: one record per device; the predecessor's table and key. */
    public static final RawEntity DEVICE = new RawEntity(VENDOR, "device", SentryxDevice.class, "sentryx_meter_base",
            Map.of("device_id", "deviceId"), List.of("device_id"));

    /** Consumption: one record per data point (device, timeStamp); the predecessor's table and key. */
    public static final RawEntity CONSUMPTION = new RawEntity(VENDOR, "consumption", SentryxConsumption.class,
            "sentryx_read_base", Map.of("device_id", "deviceId", "time_stamp", "timeStamp"),
            List.of("device_id", "time_stamp"));

    /**
     * How long a read waits for its device. Every run lists all devices before its consumption, so a read still
     * without its device after this is of a device Sentryx does not list; it is kept without an account, as the
     * predecessor kept it.
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
        URI api = SentryxSettings.DEFAULT_API_URL;
        String url = source.string("api_url", null);
        if (url != null) {
            try {
                api = URI.create(url);
                if (api.getScheme() == null || api.getHost() == null) {
                    source.error("api_url", "'" + url + "' is not an absolute URL like https://api.sentryx.io");
                }
            } catch (IllegalArgumentException e) {
                source.error("api_url", "'" + url + "' is not a URL");
            }
        }
        if (source.has("use_raw_data_cache")) {
            source.bool("use_raw_data_cache", false);
            log.info("{}: {}.use_raw_data_cache is ignored: raw data is kept in the raw topics and their archive",
                    source.file(), source.path());
        }
        String utility = source.string("utility_name", source.string("org_id", ""));
        Secret apiKey = secrets.requiredSecret("api_key", "the Sentryx API key");
        return new SentryxSettings(api, utility, apiKey,
                source.integer("page_size", 25, 1, 10_000),
                source.integer("max_retries", 5, 1, 100),
                source.duration("retry_backoff", Duration.ofSeconds(10)),
                source.duration("request_timeout", Duration.ofMinutes(2)));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(DEVICE, CONSUMPTION);
    }

    /** The predecessor's one extract: 2 days at 12:00 in the source's zone. */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new SentryxExtractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new SentryxNormalizer(source.timezone());
    }

    /**
     * Devices are metadata (a table keyed org|deviceId), consumption points are reads joined to them for their account.
     * A read whose device is not listed within {@link #METADATA_GRACE} is published without an account. Sentryx
     * sends only registers, so nothing comes in halves.
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(EntityPlan.metadata(DEVICE), EntityPlan.reads(CONSUMPTION)),
                new JoinRules(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA, false, Duration.ZERO,
                        Duration.ofDays(7), Duration.ofDays(36_500)));
    }
}
