package org.amiconnect.cli.commands.archive;

import picocli.CommandLine.Command;

/** {@code amiconnect replay}: process records again, from the archive or by moving a consumer group back. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Process records again: re-publish an archived range (replay archive), or move a consumer "
                + "group's offsets back (replay offsets), or reset the transformer (replay transformer). All are dry runs unless --execute is given.",
        subcommands = {ReplayArchiveCommand.class, ReplayOffsetsCommand.class, ReplayTransformerCommand.class})
public final class ReplayCommand {
}
