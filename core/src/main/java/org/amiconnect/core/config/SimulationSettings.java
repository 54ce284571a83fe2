package org.amiconnect.core.config;

/**
 * Serve this source from a local vendor simulator instead of the vendor (for the default run, demos and tests).
 *
 * @param meters size of the simulated utility
 * @param seed the same seed always simulates the same utility
 */
public record SimulationSettings(int meters, long seed) {
}
