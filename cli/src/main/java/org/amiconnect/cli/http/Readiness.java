package org.amiconnect.cli.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether a process can do its work now: named probes (the broker, each warehouse it writes), each empty when
 * reachable and the reason when not. Unlike liveness, not being ready is expected to pass (a broker restarting).
 */
public final class Readiness {

    private final Map<String, Supplier<Optional<String>>> probes = new ConcurrentHashMap<>();

    public void register(String name, Supplier<Optional<String>> probe) {
        probes.put(name, probe);
    }

    /** Per probe name, empty when reachable, else why not; a probe that throws counts as not reachable. */
    public Map<String, Optional<String>> check() {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        probes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Optional<String> r;
            try {
                r = e.getValue().get();
            } catch (RuntimeException ex) {
                r = Optional.of(ex.getMessage() == null ? ex.toString() : ex.getMessage());
            }
            out.put(e.getKey(), r);
        });
        return out;
    }
}
