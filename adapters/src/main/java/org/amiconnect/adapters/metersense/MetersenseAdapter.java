package org.amiconnect.adapters.metersense;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.amiconnect.adapters.jdbc.TunnelDatabaseSettings;
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceSettings;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.schemas.raw.metersense.MetersenseAccountService;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseLocation;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterLocationXref;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterView;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;

/**
 * Xylem/Sensus Metersense, an Oracle database behind an SSH bastion (python-ami-connect §2.3): config type
 * {@code metersense}. Each of its seven tables is published as it is (raw tables named as the predecessor's), plus
 * the meters' location and account histories the extractor derives from three of them; the transformer joins the
 * reads to the meters.
 */
public final class MetersenseAdapter implements SourceAdapter {

    public static final String TYPE = "metersense";
    public static final String VENDOR = "metersense";

    public static final RawEntity METERS = entity("meters", MetersenseMeter.class, "metersense_meters_base",
            "meter_id");
    public static final RawEntity METERS_VIEW = entity("meters-view", MetersenseMeterView.class,
            "metersense_meters_view_base", "meter_id");
    public static final RawEntity LOCATIONS = entity("locations", MetersenseLocation.class,
            "metersense_locations_base", "location_no");
    public static final RawEntity ACCOUNT_SERVICES = entity("account-services", MetersenseAccountService.class,
            "metersense_account_services_base", "account_id", "location_no", "inactive_dt");
    public static final RawEntity METER_LOCATION_XREF = entity("meter-location-xref",
            MetersenseMeterLocationXref.class, "metersense_meter_location_xref_base", "meter_id", "inactive_dt");
    public static final RawEntity INTERVALREADS = entity("intervalreads", MetersenseIntervalRead.class,
            "metersense_intervalreads_base", "meter_id", "read_dtm");
    public static final RawEntity REGISTERREADS = entity("registerreads", MetersenseRegisterRead.class,
            "metersense_registerreads_base", "meter_id", "read_dtm");
    /** Derived by the extractor: a version of a meter's location and account ({@link MetersenseMeterHistories}). */
    public static final RawEntity METER_HISTORY = entity("meter-history", MetersenseMeterHistory.class,
            "metersense_meter_history_base", "meter_id", "valid_from");

    /** A read waits this long for its meter's rows before it is published without them. */
    static final Duration METADATA_GRACE = Duration.ofMinutes(10);
    /** An interval read waits this long for the register read of the same time, and the other way round. */
    static final Duration HALVES_GRACE = Duration.ofSeconds(30);

    private static RawEntity entity(String name, Class<? extends org.apache.avro.specific.SpecificRecord> type,
            String table, String... uniqueBy) {
        return new RawEntity(VENDOR, name, type, table, Map.of(), List.of(uniqueBy));
    }

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
        return new MetersenseSettings(TunnelDatabaseSettings.parse("Metersense", source, secrets,
                MetersenseSettings.DEFAULT_PORT, MetersenseSettings.DEFAULT_URL));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(METERS, METERS_VIEW, METER_HISTORY, LOCATIONS, ACCOUNT_SERVICES, METER_LOCATION_XREF,
                INTERVALREADS, REGISTERREADS);
    }

    /** Reads appear up to two days late: the daily extract covers three days (the predecessor's interval). */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(3), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new MetersenseExtractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new MetersenseNormalizer(source.timezone());
    }

    /**
     * METERS and METERS_VIEW describe a meter (the latest row wins), the meter history is looked up at each read's
     * time; interval and register reads of one (meter, READ_DTM) are two halves merged into one read. LOCATIONS,
     * ACCOUNT_SERVICES and METER_LOCATION_XREF reach the standard model only through the meter history; they are
     * whole rows that normalize to nothing (kept for the raw tables and the archive). A read whose meter rows do not
     * arrive within {@link #METADATA_GRACE} is published without them; reads are remembered for 30 days of flowtimes
     * (the 3-day window is re-pulled daily).
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(
                EntityPlan.metadata(METERS),
                EntityPlan.metadata(METERS_VIEW),
                EntityPlan.versionedMetadata(METER_HISTORY),
                EntityPlan.row(LOCATIONS),
                EntityPlan.row(ACCOUNT_SERVICES),
                EntityPlan.row(METER_LOCATION_XREF),
                EntityPlan.reads(INTERVALREADS),
                EntityPlan.reads(REGISTERREADS)),
                new JoinRules(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA, true, HALVES_GRACE,
                        Duration.ofDays(30), Duration.ofDays(36_500)));
    }
}
