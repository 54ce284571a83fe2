package org.amiconnect.core.config;

import java.util.Collection;
import java.util.Optional;

/** The source types {@link ConfigLoader} accepts; the adapter catalog is the one every command uses. */
public interface SourceTypes {

    /** The source type named {@code type} in config.yaml, or empty when no adapter claims it. */
    Optional<? extends SourceType> find(String type);

    /** Every known type name, for error messages. */
    Collection<String> types();
}
