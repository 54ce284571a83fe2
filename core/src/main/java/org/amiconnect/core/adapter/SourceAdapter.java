package org.amiconnect.core.adapter;

import java.util.List;

import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.SourceType;
import org.amiconnect.core.schedule.ScheduledExtract;

/**
 * Everything AMI Connect needs to know about one vendor. Implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/org.amiconnect.core.adapter.SourceAdapter}), so an adapter in a private jar on
 * the classpath is picked up by its {@link #type()} without a fork. Its config {@code type} and how its keys are read
 * ({@link #parseSettings}) come from {@link SourceType}, the part configuration sees.
 */
public interface SourceAdapter extends SourceType {

    /** The vendor segment of raw topic names, e.g. {@code beacon360} in {@code ami.raw.beacon360.meter-read}. */
    String vendor();

    /** The raw record kinds this vendor publishes, one topic and one raw warehouse table each. */
    List<RawEntity> rawEntities();

    /** The vendor's standard extracts (window, lag, cron) when config does not override them. */
    List<ScheduledExtract> scheduledExtracts();

    /** A client that pulls raw records from the vendor for one source. */
    Extractor extractor(SourceConfig source);

    /** Turns this vendor's raw records into the standard model for one source. */
    Normalizer normalizer(SourceConfig source);

    /**
     * The join role of each raw entity and the vendor's grace rules, from which the transformer assembles the vendor's
     * sub-topology. By default every entity is a whole row (a meter and its reads in one record).
     */
    default StreamPlan streamPlan() {
        return StreamPlan.wholeRows(rawEntities());
    }
}
