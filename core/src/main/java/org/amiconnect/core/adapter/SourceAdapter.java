package org.amiconnect.core.adapter;

import java.nio.file.Path;
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

    /**
     * Whether this vendor's data comes as files or reports that a utility may already hold (a report downloaded by
     * hand, a folder of vendor files, the predecessor's archived extract outputs), so {@link #fileExtractor} reads them.
     */
    default boolean readsFiles() {
        return false;
    }

    /**
     * An extractor that publishes the raw records of {@code files} instead of asking the vendor; the run's window only
     * labels the run. Each record's {@code extract.source} names its file. The default is for vendors whose data does
     * not come as files: its extract fails, without retrying, with an error naming the vendor.
     *
     * @param files vendor files as the vendor writes them, or the predecessor's extract outputs (see the adapter)
     */
    default Extractor fileExtractor(SourceConfig source, List<Path> files) {
        return (window, sink) -> {
            throw new ExtractException(ExtractException.Kind.PERMANENT, type() + " source '" + source.orgId()
                    + "': the " + vendor() + " adapter cannot extract from files (its data comes only from the vendor's"
                    + " system); extract a range instead");
        };
    }

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
