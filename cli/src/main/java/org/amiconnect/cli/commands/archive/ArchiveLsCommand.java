package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect archive ls}: list archive objects. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List archive objects (key and size), in key order: by topic, ingest date, partition, offset.")
public final class ArchiveLsCommand extends ConfiguredCommand {

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only objects of this topic.")
    String topic;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only objects of this ingest date (UTC).")
    String date;

    @Override
    public Integer call() {
        PrintWriter out = out();
        AmiConnectConfig config = config();
        LocalDate day = date == null ? null : parseDate(date);
        String prefix = topic == null ? "" : day == null ? ArchiveKey.topicPrefix(topic) : ArchiveKey.datePrefix(topic, day);
        try (ArchiveStore store = ArchiveStores.open(config.archive())) {
            List<ArchiveStore.StoredObject> objects = store.list(prefix).stream()
                    .filter(o -> day == null || ArchiveKey.parse(o.key()).date().equals(day)).toList();
            TextTable table = new TextTable("KEY", "BYTES");
            objects.forEach(o -> table.row(o.key(), o.size()));
            if (!objects.isEmpty()) {
                table.print(out, "");
            }
            out.printf("%,d objects, %,d bytes in %s%n", objects.size(),
                    objects.stream().mapToLong(ArchiveStore.StoredObject::size).sum(), store.location());
            out.flush();
        }
        return 0;
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date: '" + text + "' is not a date; expected YYYY-MM-DD");
        }
    }
}
