package org.amiconnect.adapters.xylemdatalake;

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
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;

/**
 * Xylem Data Lake (Apache Superset over Redshift, per agency; python-ami-connect §2.6): config type
 * {@code xylem_datalake}. Three raw entities: the active accounts (meter metadata) and the water interval and register
 * reads, joined in the transformer.
 */
public final class XylemDatalakeAdapter implements SourceAdapter {

    public static final String TYPE = "xylem_datalake";
    public static final String VENDOR = "xylemdatalake";

    /** Active account rows; one per device. The predecessor's XYLEM_DATALAKE_ACCOUNT_BASE, unique by device_id. */
    public static final RawEntity ACCOUNT = new RawEntity(VENDOR, "account", XylemDatalakeAccount.class,
            "xylem_datalake_account_base", Map.of(), List.of("device_id"));
    /** Hourly interval reads; unique by meter_id and read_time_timestamp. */
    public static final RawEntity WATER_INTERVAL = new RawEntity(VENDOR, "water-interval",
            XylemDatalakeWaterInterval.class, "xylem_datalake_water_intervals_base", Map.of(),
            List.of("meter_id", "read_time_timestamp"));
    /** Register reads; unique by meter_id and read_time_timestamp. */
    public static final RawEntity WATER_REGISTER = new RawEntity(VENDOR, "water-register",
            XylemDatalakeWaterRegister.class, "xylem_datalake_water_registers_base", Map.of(),
            List.of("meter_id", "read_time_timestamp"));

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
        String agency = source.requiredString("agency_code", "the agency's Data Lake code, e.g. hlsbo");
        boolean valid = agency != null && agency.matches("[A-Za-z0-9-]+");
        if (agency != null && !valid) {
            source.error("agency_code", "'" + agency + "' is not a host name part (letters, digits, '-')");
        }
        String a = valid ? agency : "agency";
        if (!source.has("database_id")) {
            source.error("database_id", "missing; expected Superset's id of the agency's Redshift database, e.g. 2");
        }
        int databaseId = source.integer("database_id", 0, 0, Integer.MAX_VALUE);
        String clientId = source.requiredString("client_id", "the Keycloak client id of the agency's Data Lake");
        Secret username = secrets.requiredSecret("username", "the Xylem Data Lake user");
        Secret password = secrets.requiredSecret("password", "the Xylem Data Lake password");
        return new XylemDatalakeSettings(a, databaseId, clientId,
                url(source, "auth_url", XylemDatalakeSettings.DEFAULT_AUTH_URL),
                url(source, "datalake_url", XylemDatalakeSettings.datalakeOf(a)),
                url(source, "superset_url", XylemDatalakeSettings.supersetOf(a)),
                username, password,
                Duration.ofHours(source.integer("chunk_hours", 12, 1, 24 * 31)),
                source.duration("query_pause", Duration.ofSeconds(2)),
                source.integer("max_retries", 5, 1, 100),
                source.duration("retry_backoff", Duration.ofSeconds(10)),
                source.integer("reauth_attempts", 3, 0, 20),
                source.duration("reauth_backoff", Duration.ofSeconds(10)),
                source.duration("request_timeout", Duration.ofMinutes(10)));
    }

    private static URI url(ConfigNode source, String key, URI defaultUrl) {
        String text = source.string(key, null);
        if (text == null) {
            return defaultUrl;
        }
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                source.error(key, "'" + text + "' is not an absolute URL like " + defaultUrl);
                return defaultUrl;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            source.error(key, "'" + text + "' is not a URL");
            return defaultUrl;
        }
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(ACCOUNT, WATER_INTERVAL, WATER_REGISTER);
    }

    /** The predecessor's single standard extract, with a 6-day window, daily at 12:00. */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(6), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new XylemDatalakeExtractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new XylemDatalakeNormalizer();
    }

    /**
     * Accounts are a metadata table (the current state only: the Data Lake keeps no history, so no point-in-time
     * lookup); intervals and registers are two read streams whose halves of one (meter, hour) are merged into one
     * read. A run publishes its accounts before its reads, so reads rarely wait; one whose meter has no WATER account
     * after 30 minutes is a dead letter (the predecessor dropped reads of meters it did not keep). Reads are
     * de-duplicated over 14 days of flowtimes: the 6-day window is re-pulled every day.
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(EntityPlan.metadata(ACCOUNT), EntityPlan.reads(WATER_INTERVAL),
                EntityPlan.reads(WATER_REGISTER)),
                new JoinRules(Duration.ofMinutes(30), AfterGrace.DEAD_LETTER, true, Duration.ofMinutes(10),
                        Duration.ofDays(14), Duration.ofDays(36_500)));
    }
}
