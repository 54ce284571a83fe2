package org.amiconnect.adapters.moultonniguel;

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
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelCustomer;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelRegisterRead;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelServicePoint;

/**
 * Xylem's Redshift built for Moulton Niguel Water District, behind an SSH bastion (python-ami-connect §2.7): config
 * type {@code xylem_moulton_niguel}. Its five tables are published as they are (raw tables named as the
 * predecessor's), plus the meters' location and account histories the extractor derives from three of them.
 */
public final class MoultonNiguelAdapter implements SourceAdapter {

    public static final String TYPE = "xylem_moulton_niguel";
    public static final String VENDOR = "moultonniguel";

    public static final RawEntity METER = entity("meter", MoultonNiguelMeter.class, "meter", "id");
    public static final RawEntity SERVICE_POINT = entity("service-point", MoultonNiguelServicePoint.class,
            "service_point", "service_address", "service_point");
    public static final RawEntity CUSTOMER = entity("customer", MoultonNiguelCustomer.class, "customer", "id");
    public static final RawEntity AMI = entity("ami", MoultonNiguelAmi.class, "ami", "id");
    public static final RawEntity REGISTER_READ = entity("register-read", MoultonNiguelRegisterRead.class,
            "register_read", "id");
    /** Derived by the extractor (see {@link MoultonNiguelMeterHistories}). */
    public static final RawEntity METER_HISTORY = entity("meter-history", MoultonNiguelMeterHistory.class,
            "meter_history", "meter_id", "valid_from");

    static final Duration METADATA_GRACE = Duration.ofMinutes(10);
    static final Duration HALVES_GRACE = Duration.ofSeconds(30);

    private static RawEntity entity(String name, Class<? extends org.apache.avro.specific.SpecificRecord> type,
            String table, String... uniqueBy) {
        return new RawEntity(VENDOR, name, type, "xylem_moulton_niguel_" + table + "_base", Map.of(),
                List.of(uniqueBy));
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
        return new MoultonNiguelSettings(TunnelDatabaseSettings.parse("Moulton Niguel", source, secrets,
                MoultonNiguelSettings.DEFAULT_PORT, MoultonNiguelSettings.DEFAULT_URL));
    }

    @Override
    public List<RawEntity> rawEntities() {
        return List.of(METER, METER_HISTORY, SERVICE_POINT, CUSTOMER, AMI, REGISTER_READ);
    }

    /** The source lags: the daily extract covers six days (the predecessor's interval). */
    @Override
    public List<ScheduledExtract> scheduledExtracts() {
        return List.of(new ScheduledExtract("standard", Duration.ofDays(6), Duration.ZERO, "0 12 * * *"));
    }

    @Override
    public Extractor extractor(SourceConfig source) {
        return new MoultonNiguelExtractor(source, Clock.systemUTC());
    }

    @Override
    public Normalizer normalizer(SourceConfig source) {
        return new MoultonNiguelNormalizer(source.timezone());
    }

    /**
     * meter describes a meter (its current row arrives last), the meter history is looked up at each read's time,
     * and ami (interval) and register_read of one (meter, datetime) are halves merged into one read. service_point and
     * customer reach the standard model only through the history: whole rows that normalize to nothing. A read
     * whose meter rows do not arrive within {@link #METADATA_GRACE} is published without them; reads are remembered for
     * 30 days of flowtimes (the 6-day window is re-pulled daily).
     */
    @Override
    public StreamPlan streamPlan() {
        return new StreamPlan(List.of(
                EntityPlan.metadata(METER),
                EntityPlan.versionedMetadata(METER_HISTORY),
                EntityPlan.row(SERVICE_POINT),
                EntityPlan.row(CUSTOMER),
                EntityPlan.reads(AMI),
                EntityPlan.reads(REGISTER_READ)),
                new JoinRules(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA, true, HALVES_GRACE,
                        Duration.ofDays(30), Duration.ofDays(36_500)));
    }
}
