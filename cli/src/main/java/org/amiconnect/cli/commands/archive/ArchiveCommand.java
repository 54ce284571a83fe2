package org.amiconnect.cli.commands.archive;

import picocli.CommandLine.Command;

/** {@code amiconnect archive}: look into the raw archive. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Look into the raw archive (archive.type local or s3 in config.yaml).",
        subcommands = {ArchiveLsCommand.class, ArchiveCatCommand.class})
public final class ArchiveCommand {
}
