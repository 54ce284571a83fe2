package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;

import org.amiconnect.archiver.format.ArchiveObjectReader;
import org.amiconnect.archiver.inspect.RecordJson;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amiconnect archive cat}: print an archive object's records as JSON lines. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print the records of an archive object as JSON, one per line, values decoded with the writer "
                + "schemas the object carries (no schema registry needed).")
public final class ArchiveCatCommand extends ConfiguredCommand {

    @Parameters(paramLabel = "KEY", description = "The object's key as archive ls prints it.")
    String key;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records.")
    Long limit;

    @Override
    public Integer call() {
        PrintWriter out = out();
        AmiConnectConfig config = config();
        // accept the key with the bucket prefix in front, as S3 consoles show it
        String prefix = config.archive().type().equals("s3") ? config.archive().prefix().replaceAll("/+$", "") + "/" : "";
        String relative = !prefix.equals("/") && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
        try (ArchiveStore store = ArchiveStores.open(config.archive());
                ArchiveObjectReader reader = ArchiveObjectReader.open(relative, store.open(relative))) {
            RecordJson json = new RecordJson(reader.schemas());
            reader.forFirst(limit == null ? Long.MAX_VALUE : limit, r -> out.println(json.line(r)));
            out.flush();
        }
        return 0;
    }
}
