package org.amiconnect.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.cli.http.HttpOptions;
import org.amiconnect.cli.http.OpsRuntime;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.health.ServiceHealth;
import org.amiconnect.loader.LoaderService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amiconnect loader}: only the warehouse loader, against a running cluster. */
@Command(name = "loader", mixinStandardHelpOptions = true,
        description = "Run only the loader (normalized and raw topics -> warehouse) against the configured cluster "
                + "until stopped.")
public final class LoaderCommand extends ConfiguredCommand {

    @Mixin
    ServeRegistryOption serveRegistry;

    @Override
    protected Infrastructure.RegistryEndpoint servedRegistry() {
        return serveRegistry.endpoint();
    }

    @Option(names = "--sink", paramLabel = "ID", description = "Load only this sink (default: every configured sink).")
    String sinkId;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        List<SinkConfig> sinks = sinkId == null ? config.sinks()
                : List.of(config.sink(sinkId).orElseThrow(() -> new IllegalArgumentException("--sink: '" + sinkId
                        + "' is not a configured sink")));
        List<LoaderService> loaders = new ArrayList<>();
        Optional<ServiceHealth.Status> failed;
        try (ShutdownGate gate = ShutdownGate.install("loader");
                Infrastructure infra = Infrastructure.start(config, adapters, Infrastructure.Role.SERVICE,
                        servedRegistry());
                OpsRuntime ops = OpsRuntime.start(http, "amiconnect loader", infra.config(), infra, health())) {
            for (SinkConfig sink : sinks) {
                LoaderService loader = new LoaderService(config, sink, infra.clients(), infra.topics(), infra.registry(),
                        infra.rawEntities());
                loaders.add(loader);
                ops.host(loader);
                loader.start();
                health().register("loader of sink " + sink.id(), loader::failure);
            }
            failed = gate.await("loader", 30, () -> String.format("%,d readings loaded",
                    loaders.stream().mapToLong(l -> l.stats().readingsUpserted()).sum()), health());
            loaders.forEach(LoaderService::close);
        }
        return exitCode(failed);
    }
}
