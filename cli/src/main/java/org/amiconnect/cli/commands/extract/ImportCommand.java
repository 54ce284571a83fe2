package org.amiconnect.cli.commands.extract;

import picocli.CommandLine.Command;

/** {@code amiconnect import}: bring data kept elsewhere into the pipeline. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import data kept elsewhere: the Python predecessor's archived extract outputs.",
        subcommands = ImportPredecessorCommand.class)
public final class ImportCommand {
}
