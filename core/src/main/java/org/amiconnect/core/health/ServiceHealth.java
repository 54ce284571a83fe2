package org.amiconnect.core.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the services one process hosts (extractor, archiver, transformer, loaders) are alive: the one place a
 * command, a {@code /health} endpoint or a status page asks.
 *
 * <p>Each hosted service is registered under its name with a {@link Probe} that says why it has stopped for good, or
 * nothing while it runs (retrying a failed write still counts as running). A failure is sticky: once a probe has named
 * one, {@link #check()} reports that service as {@link State#FAILED} with the first reason and the time it was seen,
 * even if the service's own state changes afterwards (it is closed, say). Thread-safe.
 */
public final class ServiceHealth {

    /** The state of one service. */
    public enum State {
        /** Running, or retrying on its own. */
        RUNNING,
        /** Stopped for good without being asked to: the process should exit (or restart the service). */
        FAILED
    }

    /**
     * One service's state.
     *
     * @param service the name it was registered under, e.g. {@code transformer}, {@code loader local_warehouse}
     * @param state its state
     * @param reason why it failed (names the topic, group or warehouse when known); null while running
     * @param since when the failure was first seen, UTC; null while running
     */
    public record Status(String service, State state, String reason, Instant since) {

        /** Whether the service is running. */
        public boolean alive() {
            return state == State.RUNNING;
        }
    }

    /** Says why a service has stopped for good. */
    @FunctionalInterface
    public interface Probe {
        /** The reason the service has stopped for good; empty while it runs. */
        Optional<String> failure();
    }

    private final Clock clock;
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final Map<String, Status> failures = new LinkedHashMap<>();

    /** A holder that stamps failures with the system clock. */
    public ServiceHealth() {
        this(Clock.systemUTC());
    }

    /** A holder that stamps failures with {@code clock}. */
    public ServiceHealth(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a service; a later registration under the same name replaces the earlier one.
     *
     * @param service its name in log lines and {@link Status#service()}
     * @param probe says why it stopped for good
     * @return this holder
     */
    public synchronized ServiceHealth register(String service, Probe probe) {
        probes.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(probe, "probe"));
        return this;
    }

    /** Every registered service, in registration order, asking each probe now. */
    public synchronized List<Status> check() {
        List<Status> out = new ArrayList<>();
        probes.forEach((name, probe) -> {
            Status failed = failures.get(name);
            if (failed == null) {
                Optional<String> reason = probe.failure();
                if (reason.isPresent()) {
                    failed = new Status(name, State.FAILED, reason.get(), clock.instant());
                    failures.put(name, failed);
                }
            }
            out.add(failed != null ? failed : new Status(name, State.RUNNING, null, null));
        });
        return out;
    }

    /** The first service (in registration order) that has stopped for good, if any. */
    public Optional<Status> firstFailure() {
        return check().stream().filter(s -> !s.alive()).findFirst();
    }

    /** Whether every registered service runs (true when none is registered). */
    public boolean healthy() {
        return firstFailure().isEmpty();
    }
}
