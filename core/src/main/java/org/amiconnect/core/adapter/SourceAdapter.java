package org.amiconnect.core.adapter;

import java.util.List;

import org.amiconnect.core.config.ConfigNode;
import org.amiconnect.core.config.SourceConfig;

/**
 * Everything AMI Connect needs to know about one vendor. Implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/org.amiconnect.core.adapter.SourceAdapter}), so an adapter in a private jar on
 * the classpath is picked up by its {@link #type()} without a fork.
 */
public interface SourceAdapter {

    /** The {@code type} value in config.yaml, e.g. {@code beacon_360}. */
    String type();

    /** The vendor segment of raw topic names, e.g. {@code beacon360} in {@code ami.raw.beacon360.meter-read}. */
    String vendor();

    /**
     * Reads and validates this vendor's keys of one source entry and of its secrets; every problem is recorded on the
     * nodes (which know their file and key path), nothing is thrown. Keys not read here are reported as unknown.
     */
    SourceSettings parseSettings(ConfigNode source, ConfigNode secrets);

    /** The raw record kinds this vendor publishes, one topic and one raw warehouse table each. */
    List<RawEntity> rawEntities();

    /** The vendor's standard extracts (window, lag, cron) when config does not override them. */
    List<ScheduledExtract> scheduledExtracts();

    /** A client that pulls raw records from the vendor for one source. */
    Extractor extractor(SourceConfig source);

    /** Turns this vendor's raw records into the standard model for one source. */
    Normalizer normalizer(SourceConfig source);
}
