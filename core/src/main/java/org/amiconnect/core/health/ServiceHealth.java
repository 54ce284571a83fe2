package org.amiconnect.core.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The liveness of the services one process hosts, for its {@code /health} endpoint. A host registers each service
 * with a probe that returns empty while the service is alive and the reason once it has stopped for good (a Kafka
 * Streams application in ERROR, a loader whose loop ended on an error). Probes are called on every health request
 * and must be cheap and thread-safe.
 */
public final class ServiceHealth {

    private final Map<String, Supplier<Optional<String>>> probes = new ConcurrentHashMap<>();

    /** Registers (or replaces) the probe of the service {@code name}, e.g. {@code transformer}. */
    public void register(String name, Supplier<Optional<String>> probe) {
        probes.put(name, probe);
    }

    /** Removes a service that was stopped on purpose. */
    public void unregister(String name) {
        probes.remove(name);
    }

    /** Per service name, empty when alive, else why it is not; a probe that throws counts as not alive. */
    public Map<String, Optional<String>> check() {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        probes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Optional<String> r;
            try {
                r = e.getValue().get();
            } catch (RuntimeException ex) {
                r = Optional.of("health probe failed: " + ex.getMessage());
            }
            out.put(e.getKey(), r);
        });
        return out;
    }

    /** True when every registered service is alive. */
    public boolean alive() {
        return check().values().stream().allMatch(Optional::isEmpty);
    }
}
