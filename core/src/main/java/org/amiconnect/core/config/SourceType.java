package org.amiconnect.core.config;

/**
 * What configuration needs to know about one source {@code type}: how to read the vendor's own keys of a source
 * entry. The vendor adapters implement it (see {@code org.amiconnect.core.adapter.SourceAdapter}); configuration
 * never sees anything else of them.
 */
public interface SourceType {

    /** The {@code type} value in config.yaml, e.g. {@code beacon_360}. */
    String type();

    /**
     * Reads and validates this vendor's keys of one source entry and of its secrets; every problem is recorded on the
     * nodes (which know their file and key path), nothing is thrown. Keys not read here are reported as unknown.
     *
     * @param source the entry under {@code sources[]} in config.yaml
     * @param secrets the entry under {@code sources.<org_id>} in secrets.yaml (empty when there is none)
     * @return the typed settings, kept in {@link SourceConfig#settings()}
     */
    SourceSettings parseSettings(ConfigNode source, ConfigNode secrets);
}
