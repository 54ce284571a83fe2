package org.amiconnect.cli.commands.archive;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.cli.commands.ConfiguredCommand;

import picocli.CommandLine.Command;

/** {@code amiconnect archiver}: only the archiver, against a running cluster. */
@Command(name = "archiver", mixinStandardHelpOptions = true,
        description = "Run only the archiver (every raw topic -> the configured archive: a local folder or S3) against "
                + "the configured cluster until stopped. On stop it stores what it has collected.")
public final class ArchiverCommand extends ConfiguredCommand {

    @Override
    public Integer call() throws Exception {
        return runServiceUntilStopped("archiver",
                infra -> new Archiver(infra.config(), infra.clients(), infra.topics(), infra.registry(),
                        infra.rawEntities()),
                Archiver::start, archiver -> archiver.stats().toString(), Archiver::failure);
    }
}
