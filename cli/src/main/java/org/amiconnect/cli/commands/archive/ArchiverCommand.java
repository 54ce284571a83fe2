package org.amiconnect.cli.commands.archive;

import org.amiconnect.cli.commands.ServeRegistryOption;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.archiver.Archiver;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.http.HttpOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amiconnect archiver}: only the archiver, against a running cluster. */
@Command(name = "archiver", mixinStandardHelpOptions = true,
        description = "Run only the archiver (every raw topic -> the configured archive: a local folder or S3) against "
                + "the configured cluster until stopped. On stop it stores what it has collected.")
public final class ArchiverCommand extends ConfiguredCommand {

    @Mixin
    HttpOptions http;

    @Mixin
    ServeRegistryOption serveRegistry;

    @Override
    protected Infrastructure.RegistryEndpoint servedRegistry() {
        return serveRegistry.endpoint();
    }

    @Override
    public Integer call() throws Exception {
        return runServiceUntilStopped("archiver",
                infra -> new Archiver(infra.config(), infra.clients(), infra.topics(), infra.registry(),
                        infra.rawEntities()),
                Archiver::start, archiver -> archiver.stats().toString(), Archiver::failure, http,
                (ops, archiver) -> { });
    }
}
