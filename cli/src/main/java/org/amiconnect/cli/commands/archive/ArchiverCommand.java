package org.amiconnect.cli.commands.archive;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.commands.ShutdownGate;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Command;

/** {@code amiconnect archiver}: only the archiver, against a running cluster. */
@Command(name = "archiver", mixinStandardHelpOptions = true,
        description = "Run only the archiver (every raw topic -> the configured archive: a local folder or S3) against "
                + "the configured cluster until stopped. On stop it stores what it has collected.")
public final class ArchiverCommand extends ConfiguredCommand {

    @Override
    public Integer call() throws Exception {
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        try (ShutdownGate stop = ShutdownGate.install("archiver");
                Infrastructure infra = Infrastructure.start(config, adapters, Infrastructure.Role.SERVICE);
                Archiver archiver = new Archiver(infra.config(), infra.clients(), infra.topics(), infra.registry(),
                        infra.rawEntities())) {
            archiver.start();
            stop.await("archiver", 30, () -> archiver.stats().toString());
        }
        return 0;
    }
}
