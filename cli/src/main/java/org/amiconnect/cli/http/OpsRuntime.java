package org.amiconnect.cli.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.amiconnect.cli.metrics.PipelineMeters;
import org.amiconnect.cli.notify.AlertRules;
import org.amiconnect.cli.notify.Notification;
import org.amiconnect.cli.notify.Notifier;
import org.amiconnect.cli.notify.Redactor;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.cli.status.StatusGatherer;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.health.ServiceHealth;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.loader.checks.CheckReport;
import org.amiconnect.loader.checks.CheckScheduler;
import org.amiconnect.loader.checks.CheckStatus;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.clients.admin.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations side of a process ({@code run} or one service): its meters, the liveness of the services it hosts,
 * its readiness probes, a monitor that takes the status every {@code notifications.check-interval} (updating the
 * gauges and sending notifications), and, with {@code --http-port}, the {@link OpsServer}. Commands create it after
 * their services and {@code host(...)} each one.
 */
public final class OpsRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsRuntime.class);
    private static final Duration PAGE_MAX_AGE = Duration.ofSeconds(10);

    private final PipelineMeters meters = new PipelineMeters();
    private final ServiceHealth health;
    private final Readiness readiness = new Readiness();
    private final List<LoaderService> loaders = new CopyOnWriteArrayList<>();
    private final StatusGatherer gatherer;
    private final Notifier notifier;
    private final AlertRules rules;
    private final AdminClient admin;
    private final ScheduledExecutorService monitor;
    private final OpsServer server;

    private OpsRuntime(HttpOptions http, String processName, AmiConnectConfig config, Infrastructure infra,
            ServiceHealth health) throws IOException {
        this.health = health;
        this.admin = AdminClient.create(infra.clients().admin("amiconnect-ops"));
        meters.bindAdmin(admin);
        readiness.register("broker", this::broker);
        this.gatherer = new StatusGatherer(config, infra.adapters(), infra.clients(), infra.topics(), infra.registry(),
                this::failedChecks, Clock.systemUTC(), PAGE_MAX_AGE);
        this.notifier = Notifier.of(config);
        this.rules = new AlertRules(config.notifications());
        Redactor redactor = Redactor.of(config);
        this.server = http != null && http.enabled() ? OpsServer.start(http.bind(), http.port(), processName,
                gatherer::latest, meters, health, readiness, redactor) : null;
        if (server != null || notifier.configured()) {
            monitor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ops-monitor");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, config.notifications().checkInterval().toSeconds());
            monitor.scheduleWithFixedDelay(this::observe, 0, every, TimeUnit.SECONDS);
        } else {
            monitor = null;
        }
    }

    /**
     * Starts the operations side of a process.
     *
     * @param http the command's {@code --http-port} options, or null for none
     * @param processName e.g. {@code amiconnect run}, shown on the status page
     * @param health the liveness of the services the command hosts (each registers its own failure probe), read by
     *        {@code /health}
     * @throws IOException when the HTTP port cannot be bound
     */
    public static OpsRuntime start(HttpOptions http, String processName, AmiConnectConfig config, Infrastructure infra,
            ServiceHealth health) throws IOException {
        return new OpsRuntime(http, processName, config, infra, health);
    }

    /** Meters of a hosted transformer (its liveness is its own failure probe, registered by the command). */
    public void host(TransformerService transformer) {
        meters.bindTransformer(transformer);
    }

    /**
     * Meters and readiness of a hosted loader (its last warehouse write succeeded); its latest scheduled check run is
     * the source of the status's failed checks. Its liveness is its own failure probe, registered by the command.
     */
    public void host(LoaderService loader) {
        loaders.add(loader);
        meters.bindLoader(loader);
        readiness.register("warehouse " + loader.sink().id(), () -> loader.isHealthy() ? Optional.empty()
                : Optional.of("the last write to " + loader.sink().id() + " failed or the loader stopped"));
    }

    /** The liveness holder {@code /health} reads. */
    public ServiceHealth health() {
        return health;
    }

    public PipelineMeters meters() {
        return meters;
    }

    /** The HTTP server, when {@code --http-port} was given. */
    public Optional<OpsServer> server() {
        return Optional.ofNullable(server);
    }

    private void observe() {
        try {
            StatusReport report = gatherer.gather();
            meters.update(report);
            for (Notification n : rules.evaluate(report)) {
                if (notifier.configured()) {
                    notifier.send(n);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Status not taken: {}", e.getMessage());
        }
    }

    private List<String> failedChecks() {
        return loaders.stream().map(LoaderService::checkScheduler).flatMap(Optional::stream)
                .map(CheckScheduler::lastReport).flatMap(Optional::stream)
                .flatMap(r -> describeFailures(r).stream()).toList();
    }

    private static List<String> describeFailures(CheckReport r) {
        return r.withStatus(CheckStatus.FAILED).stream().map(c -> r.sinkId() + "/" + c.check() + ": " + c.summary())
                .toList();
    }

    private Optional<String> broker() {
        try {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of("no answer from the brokers within 5 s: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        notifier.close();
        meters.close();
        admin.close(Duration.ofSeconds(5));
    }
}
