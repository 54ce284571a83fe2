package org.amiconnect.cli.commands.archive;

import java.util.concurrent.Callable;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.cli.commands.ConfigOptions;
import org.amiconnect.cli.commands.ShutdownGate;
import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amiconnect archiver}: only the archiver, against a running cluster. */
@Command(name = "archiver", mixinStandardHelpOptions = true,
        description = "Run only the archiver (every raw topic -> the configured archive: a local folder or S3) against "
                + "the configured cluster until stopped. On stop it stores what it has collected.")
public final class ArchiverCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        AdapterCatalog adapters = AdapterCatalog.load();
        AmiConnectConfig config = options.load(adapters);
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
