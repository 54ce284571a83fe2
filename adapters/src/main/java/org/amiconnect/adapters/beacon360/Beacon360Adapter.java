package org.amiconnect.adapters.beacon360;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Badger Meter Beacon 360 (BEACON AMA Export Data Service): config type {@code beacon_360}. */
public final class Beacon360Adapter implements SourceAdapter {

    private static final Logger log = LoggerFactory.getLogger(Beacon360Adapter.class);

    public static final String TYPE = "beacon_360";
    public static final String VENDOR = "beacon360";

    /** Rows of the range report; one row = one meter's hourly read. */
    public static final RawEntity METER_READ = new RawEntity(VENDOR, "meter-read", Beacon360MeterRead.class,
            "beacon_360_base", Map.of("device_id", "Endpoint_SN"), List.of("device_id", "read_time"));

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
        java.net.URI api = Beacon360Settings.DEFAULT_API_URL;
        String url = source.string("api_url", null);
        if (url != null) {
            try {
                api = java.net.URI.create(url);
                if (api.getScheme() == null || api.getHost() == null) {
                    source.error("api_url", "'" + url + "' is not an absolute URL like https://api.beaconama.net");
                }
            } catch (IllegalArgumentException e) {
                source.error("api_url", "'" + url + "' is not a URL");
            }
        }
        // the predecessor's raw-report cache: reports kept in a folder and reused for the same range
        Optional<Path> cache = Optional.empty();
        if (source.bool("use_raw_data_cache", false)) {
            cache = Optional.of(source.path("cache_folder", Path.of("").toAbsolutePath(), "output"));
        } else if (source.has("cache_folder")) {
            source.accept("cache_folder");
            log.info("{}: {}.cache_folder is ignored: use_raw_data_cache is off", source.file(), source.path());
        }
        Secret user = secrets.requiredSecret("user", "the Beacon 360 API user");
        Secret password = secrets.requiredSecret("password", "the Beacon 360 API password");
        return new Beacon360Settings(api, user, password,
                source.duration("poll_interval", Duration.ofSeconds(60)),
                source.integer("max_polls", 120, 1, 100_000),
                source.integer("max_retries", 5, 1, 100),
                source.duration("retry_backoff", Duration.ofSeconds(10)),
                source.duration("request_timeout", Duration.ofMinutes(10)),
                TextEncoding.configured(source),
                cache,
                source.longValue("report_row_cap", Beacon360Settings.DEFAULT_REPORT_ROW_CAP, 1),
                source.longValue("expected_connections", 0, 0));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(METER_READ);
    }

    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        // reads arrive late: ~80% within the daily window, more after 3+ days, some months later
        return List.of(
                new ScheduledExtract("standard", Duration.ofDays(2), Duration.ZERO, "0 12 * * *"),
                new ScheduledExtract("lagged", Duration.ofDays(1), Duration.ofDays(14), "0 10 * * *"),
                new ScheduledExtract("half-year-lagged", Duration.ofDays(1), Duration.ofDays(180), "0 11 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new Beacon360Extractor(source, METER_READ, Clock.systemUTC());
    }

    /** Range reports downloaded by hand and the predecessor's {@code meters_and_reads.json} outputs. */
    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public Extractor fileExtractor(SourceConfig source, List<Path> files) {
        return new Beacon360FileExtractor(source, METER_READ, files, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new Beacon360Normalizer(source.timezone());
    }

    /**
     * Every report row holds a meter and its read, so nothing is joined: one whole-row entity, reads de-duplicated
     * over a week of flowtimes (the standard window is re-pulled daily; the 14- and 180-day lagged re-pulls are older
     * and are published again, which the loaders' upserts absorb).
     */
    @Override
    public StreamPlan streamPlan() {
        return StreamPlan.wholeRows(rawEntities());
    }
}
