package org.amiconnect.core.config;

import java.util.Map;

/** A vendor's typed settings and secrets for one source, as parsed by its {@link SourceType} (a vendor adapter). */
public interface SourceSettings {

    /** The settings as they should appear in {@code config show}: secrets masked. */
    Map<String, Object> describe();
}
