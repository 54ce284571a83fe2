package org.amiconnect.cli.commands;

import org.amiconnect.cli.http.HttpOptions;
import org.amiconnect.cli.http.OpsRuntime;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.transformer.TransformerService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amiconnect transformer}: only the Kafka Streams normalizer, against a running cluster. */
@Command(name = "transformer", mixinStandardHelpOptions = true,
        description = "Run only the transformer (raw topics -> ami.meters, ami.meter-reads, ami.dlq) against the "
                + "configured cluster until stopped. Run several for more throughput: Kafka Streams balances the "
                + "partitions.")
public final class TransformerCommand extends ConfiguredCommand {

    @Mixin
    ServeRegistryOption serveRegistry;

    @Override
    protected Infrastructure.RegistryEndpoint servedRegistry() {
        return serveRegistry.endpoint();
    }

    @Mixin
    StateDirOption stateDir;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        return runServiceUntilStopped("transformer",
                infra -> new TransformerService(config().sources(), adapters(), infra.clients(), infra.topics(),
                        infra.registry(), stateDir.path().resolve("streams"), config().transformer()),
                TransformerService::start,
                transformer -> String.format("%,d raw records -> %,d reads, %,d dead letters",
                        transformer.metrics().rawRecords(), transformer.metrics().reads(),
                        transformer.metrics().deadLetters()),
                TransformerService::failure, http, OpsRuntime::host);
    }
}
