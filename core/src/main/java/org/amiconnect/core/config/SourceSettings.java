package org.amiconnect.core.config;

import java.util.Map;

/** A vendor's typed settings and secrets for one source, as parsed by its {@link SourceType} (a vendor adapter). */
public interface SourceSettings {

    /** The settings as they should appear in {@code config show}: secrets masked. */
    Map<String, Object> describe();

    /**
     * The source's secrets by their key under {@code sources.<org_id>} in secrets.yaml, e.g. {@code user} and
     * {@code password}; what a vendor simulator standing in for the source must accept. Empty by default.
     */
    default Map<String, Secret> secrets() {
        return Map.of();
    }
}
