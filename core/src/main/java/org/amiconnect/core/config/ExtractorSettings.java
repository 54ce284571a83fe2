package org.amiconnect.core.config;

import java.time.Duration;

/**
 * @param runTimeout longest an extract run may take before it is failed
 * @param maxAttempts attempts of a run that fails with a transient source error
 */
public record ExtractorSettings(Duration runTimeout, int maxAttempts) {
}
