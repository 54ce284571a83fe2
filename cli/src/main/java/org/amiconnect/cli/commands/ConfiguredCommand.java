package org.amiconnect.cli.commands;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.amiconnect.cli.http.HttpOptions;
import org.amiconnect.cli.http.OpsRuntime;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.health.ServiceHealth;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads the configuration: the {@code -c}/{@code -s} options every such command shares, the command
 * line it runs in, and the adapters and configuration it loads (each once, adapters first).
 */
public abstract class ConfiguredCommand implements Callable<Integer> {

    @Mixin
    protected ConfigOptions options;

    @Spec
    protected CommandSpec spec;

    private final ServiceHealth health = new ServiceHealth();
    private AdapterCatalog adapters;
    private AmiConnectConfig config;

    /** The adapters on the class path ({@code ServiceLoader}), loaded on the first call. */
    protected final AdapterCatalog adapters() {
        if (adapters == null) {
            adapters = AdapterCatalog.load();
        }
        return adapters;
    }

    /**
     * The configuration of the {@code -c}/{@code -s} files and the environment, loaded on the first call.
     *
     * @throws org.amiconnect.core.config.ConfigException when the files are missing or invalid
     */
    protected final AmiConnectConfig config() {
        if (config == null) {
            config = options.load(adapters());
        }
        return config;
    }

    /** The command line's standard output. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command line's standard error. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Runs one service against the configured cluster until stopped (Ctrl-C or SIGTERM): installs the shutdown gate,
     * connects to the cluster, creates the service, starts it and prints its status every 30 s; on stop closes the
     * service, then the cluster connections.
     *
     * @param name the service's name in the log lines, e.g. {@code transformer}
     * @param create makes the service on the connected cluster
     * @param start starts the created service
     * @param status the service's status line, for the periodic log
     * @param failure why the service stopped for good, empty while it runs ({@link ServiceHealth.Probe})
     * @return 0 after a requested stop; {@link #SERVICE_FAILED_EXIT} when the service stopped for good on its own
     * @throws Exception when the cluster or the service cannot start
     */
    protected final <S extends AutoCloseable> int runServiceUntilStopped(String name, ServiceFactory<S> create,
            Consumer<S> start, Function<S, String> status, Function<S, Optional<String>> failure) throws Exception {
        return runServiceUntilStopped(name, create, start, status, failure, null, (ops, service) -> { });
    }

    /**
     * As {@link #runServiceUntilStopped(String, ServiceFactory, Consumer, Function, Function)}, with the operations
     * side ({@link OpsRuntime}: meters, readiness, notifications, and the HTTP endpoints when {@code http} enables
     * them, its {@code /health} reading this command's {@link #health()}); {@code host} binds the created service's
     * meters before it starts.
     */
    protected final <S extends AutoCloseable> int runServiceUntilStopped(String name, ServiceFactory<S> create,
            Consumer<S> start, Function<S, String> status, Function<S, Optional<String>> failure, HttpOptions http,
            BiConsumer<OpsRuntime, S> host) throws Exception {
        Optional<ServiceHealth.Status> failed;
        try (ShutdownGate gate = ShutdownGate.install(name);
                Infrastructure infra = Infrastructure.start(config(), adapters(), Infrastructure.Role.SERVICE,
                        servedRegistry());
                S service = create.create(infra);
                OpsRuntime ops = OpsRuntime.start(http, "amiconnect " + name, infra.config(), infra, health)) {
            host.accept(ops, service);
            start.accept(service);
            health.register(name, () -> failure.apply(service));
            failed = gate.await(name, 30, () -> status.apply(service), health);
        }
        return exitCode(failed);
    }

    /** The exit code of a service command, and of {@code run}, when a service it hosts stopped for good. */
    public static final int SERVICE_FAILED_EXIT = 1;

    /**
     * The services this command hosts: registered when each starts, asked every second while the command waits.
     * A status page or {@code /health} endpoint of the process reads the same holder.
     */
    protected final ServiceHealth health() {
        return health;
    }

    /** 0 after a requested stop; {@link #SERVICE_FAILED_EXIT}, said on standard error, when a service failed. */
    protected final int exitCode(Optional<ServiceHealth.Status> failed) {
        if (failed.isEmpty()) {
            return 0;
        }
        err().printf("Exit %d: the %s stopped for good: %s%n", SERVICE_FAILED_EXIT, failed.get().service(),
                failed.get().reason());
        err().flush();
        return SERVICE_FAILED_EXIT;
    }

    /**
     * Where a service command serves the embedded registry's REST API ({@link ServeRegistryOption}); null (the
     * default) when it does not.
     */
    protected Infrastructure.RegistryEndpoint servedRegistry() {
        return null;
    }

    /** Makes a service on the connected cluster. */
    @FunctionalInterface
    protected interface ServiceFactory<S extends AutoCloseable> {
        S create(Infrastructure infra) throws Exception;
    }
}
