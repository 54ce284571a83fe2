package org.amiconnect.simulators;

import java.time.ZoneId;
import java.util.Map;

/**
 * What a simulator needs to stand in for one configured source.
 *
 * @param seed the same seed always simulates the same utility
 * @param meters number of meters of the simulated utility
 * @param timezone the source's time zone, in which the vendor writes its naive timestamps
 * @param credentials the source's secrets by their key under {@code sources.<org_id>} in secrets.yaml (e.g.
 *     {@code user}, {@code password}); the simulator accepts exactly these, so the client signs in as it would with
 *     the vendor. {@link #toString()} shows only their keys.
 */
public record SimulatedSource(long seed, int meters, ZoneId timezone, Map<String, String> credentials) {

    public SimulatedSource {
        credentials = Map.copyOf(credentials);
    }

    /** The credential under {@code key}, or an {@link IllegalArgumentException} naming the key when it is missing. */
    public String credential(String key) {
        String value = credentials.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the simulator needs the secret '" + key + "' of the source in "
                    + "secrets.yaml; it has " + (credentials.isEmpty() ? "none" : credentials.keySet()));
        }
        return value;
    }

    @Override
    public String toString() {
        return "SimulatedSource[seed=" + seed + ", meters=" + meters + ", timezone=" + timezone + ", credentials="
                + credentials.keySet() + "]";
    }
}
