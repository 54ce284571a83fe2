package org.amiconnect.plugins.neptune360.simulator;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * How a {@link Neptune360Simulator} behaves.
 *
 * @param host interface to bind, loopback by default
 * @param port 0 picks a free port
 * @param siteId the one site the simulator serves
 * @param apiKey the {@code X-Api-Key} it accepts
 * @param clientId the OAuth client id it accepts
 * @param clientSecret the OAuth client secret it accepts
 * @param generator the simulated utility whose meters and reads are listed
 * @param tokenLifetimeSeconds {@code expires_in} of issued tokens; a token is refused after it
 * @param duplicateEndpointEveryNth every Nth endpoint is listed a second time at the end of the listing (the vendor's
 *     duplicates, python-ami-connect §2.9); 0 = never
 * @param duplicateReadEveryNth every Nth read is listed a second time at the end of the listing; 0 = never
 * @param clock reads taken after this clock's instant are never listed
 */
public record Neptune360SimulatorOptions(
        String host,
        int port,
        String siteId,
        String apiKey,
        String clientId,
        String clientSecret,
        UtilityGenerator generator,
        int tokenLifetimeSeconds,
        int duplicateEndpointEveryNth,
        int duplicateReadEveryNth,
        Clock clock) {

    public Neptune360SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || tokenLifetimeSeconds < 1 || duplicateEndpointEveryNth < 0 || duplicateReadEveryNth < 0) {
            throw new IllegalArgumentException("port and duplicate rates must be >= 0 and the token lifetime >= 1: "
                    + port + ", " + duplicateEndpointEveryNth + ", " + duplicateReadEveryNth + ", " + tokenLifetimeSeconds);
        }
    }

    /**
     * Loopback on a free port, site {@code site-1}, key {@code neptune-key}, client {@code neptune-client} /
     * {@code neptune-secret}, 100 meters (seed 42) in America/Los_Angeles, hour-long tokens, every 40th endpoint and
     * every 250th read listed twice, system clock.
     */
    public static Neptune360SimulatorOptions defaults() {
        return new Neptune360SimulatorOptions("127.0.0.1", 0, "site-1", "neptune-key", "neptune-client",
                "neptune-secret", new UtilityGenerator(42L, 100, ZoneId.of("America/Los_Angeles")), 3600, 40, 250,
                Clock.systemUTC());
    }

    public Neptune360SimulatorOptions withCredentials(String siteId, String apiKey, String clientId, String clientSecret) {
        return new Neptune360SimulatorOptions(host, port, siteId, apiKey, clientId, clientSecret, generator,
                tokenLifetimeSeconds, duplicateEndpointEveryNth, duplicateReadEveryNth, clock);
    }

    public Neptune360SimulatorOptions withUtility(long seed, int meters, ZoneId zone) {
        return new Neptune360SimulatorOptions(host, port, siteId, apiKey, clientId, clientSecret,
                new UtilityGenerator(seed, meters, zone), tokenLifetimeSeconds, duplicateEndpointEveryNth,
                duplicateReadEveryNth, clock);
    }

    public Neptune360SimulatorOptions withDuplicates(int endpointEveryNth, int readEveryNth) {
        return new Neptune360SimulatorOptions(host, port, siteId, apiKey, clientId, clientSecret, generator,
                tokenLifetimeSeconds, endpointEveryNth, readEveryNth, clock);
    }

    public Neptune360SimulatorOptions withTokenLifetimeSeconds(int seconds) {
        return new Neptune360SimulatorOptions(host, port, siteId, apiKey, clientId, clientSecret, generator, seconds,
                duplicateEndpointEveryNth, duplicateReadEveryNth, clock);
    }

    public Neptune360SimulatorOptions withClock(Clock clock) {
        return new Neptune360SimulatorOptions(host, port, siteId, apiKey, clientId, clientSecret, generator,
                tokenLifetimeSeconds, duplicateEndpointEveryNth, duplicateReadEveryNth, clock);
    }
}
