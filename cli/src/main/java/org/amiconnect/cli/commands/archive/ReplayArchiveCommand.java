package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.amiconnect.archiver.Archiver;
import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.replay.ArchiveReplay;
import org.amiconnect.archiver.replay.ReplayListener;
import org.amiconnect.archiver.replay.ReplayReport;
import org.amiconnect.archiver.replay.ReplayRequest;
import org.amiconnect.archiver.store.ArchiveStore;
import org.amiconnect.archiver.store.ArchiveStores;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect replay archive}: re-publish archived records to their original partitions. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Re-publish archived records of a raw topic to their original partitions, in offset order, "
                + "with their keys, value bytes, headers and timestamps. Prints what would be published unless "
                + "--execute is given. An object that cannot be read is reported and skipped; the others replay.")
public final class ReplayArchiveCommand extends ConfiguredCommand {

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "The archived raw topic, e.g. ami.raw.beacon360.meter-read (with the topic prefix, if any).")
    String topic;

    @Option(names = "--org", paramLabel = "ORG_ID", description = "Only records of this org (by record key).")
    String org;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only records with a timestamp at or after this: 2025-03-01T08:00:00Z, "
                    + "2025-03-01T00:00:00-08:00, or a date (midnight UTC).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only records with a timestamp before this (exclusive).")
    String to;

    @Option(names = "--to-topic", paramLabel = "TOPIC",
            description = "Publish to this topic instead (created when missing; same partition numbers).")
    String toTopic;

    @Option(names = "--execute", description = "Publish. Without it, only report what would be published.")
    boolean execute;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        AmiConnectConfig config = config();
        ReplayRequest request = new ReplayRequest(topic, Optional.ofNullable(org),
                Optional.ofNullable(from).map(f -> TimeArgs.parse(f, "--from")),
                Optional.ofNullable(to).map(t -> TimeArgs.parse(t, "--to")), Optional.ofNullable(toTopic));
        try (ArchiveStore store = ArchiveStores.open(config.archive())) {
            ArchiveReplay replay = new ArchiveReplay(store);
            if (replay.select(request).isEmpty()) {
                err.println("No archived objects of topic " + topic + (request.from().isPresent()
                        || request.to().isPresent() ? " for that time range" : "") + " in " + store.location()
                        + "; archived topics: " + archivedTopics(store));
                return 1;
            }
            try (ClusterSession cluster = ClusterSession.open(config, err)) {
                ReplayReport report = execute
                        ? replay.execute(request, cluster.clients(), cluster.registry(),
                                new ProgressBar(err, System.console() != null))
                        : replay.dryRun(request, cluster.clients(), cluster.registry(), ReplayListener.NONE);
                print(out, request, store, report, Archiver.consumerGroup(cluster.topics()));
                if (!report.ok()) {
                    err.println(report.problems().size() + " archive object(s) could not be read; their records were "
                            + (execute ? "not published" : "not counted") + ":");
                    report.problems().forEach(p -> err.println("  " + p.message()));
                    return 1;
                }
                return 0;
            }
        }
    }

    private void print(PrintWriter out, ReplayRequest request, ArchiveStore store, ReplayReport report,
            String archiverGroup) {
        out.println((report.executed() ? "Replayed" : "Replay (dry run) of") + " topic " + request.topic() + " from "
                + store.location());
        out.println("  range:  " + request.from().map(Instant::toString).orElse("the beginning") + " .. "
                + request.to().map(Instant::toString).orElse("the end") + (request.org().isPresent()
                ? ", org " + request.org().get() : ""));
        out.println("  target: " + report.targetTopic() + (report.createdTopic() ? (report.executed()
                ? " (created)" : " (does not exist; will be created)") : ""));
        out.println("  objects read: " + report.objects());
        TextTable table = new TextTable("PARTITION", "RECORDS", "FIRST OFFSET", "LAST OFFSET", "FIRST TIME",
                "LAST TIME");
        report.partitions().values().forEach(p -> table.row(p.partition(), p.records(), p.firstOffset(),
                p.lastOffset(), p.firstTime(), p.lastTime()));
        table.print(out, "  ");
        if (report.skipped() > 0) {
            out.printf("  %,d archived records are outside the range or of other orgs%n", report.skipped());
        }
        if (report.overlapping() > 0) {
            out.printf("  %,d records were in more than one object and are published once%n", report.overlapping());
        }
        report.schemas().forEach((id, newId) -> out.println("  schema id " + id + " is not in the registry: "
                + (newId < 0 ? "it will be registered from the archive" : "registered from the archive as id " + newId)));
        if (report.executed()) {
            out.printf("Published %,d records to %s.%n", report.records(), report.targetTopic());
            if (report.targetTopic().equals(request.topic())) {
                // deleting a topic drops every group's offsets of it: the archiver would start over on these records
                out.println("If " + request.topic() + " was deleted before this replay, move the archiver past the "
                        + "restored records before it runs again: amiconnect replay offsets --group " + archiverGroup
                        + " --topic " + request.topic() + " --to-latest --execute");
            }
        } else {
            out.printf("Nothing was published. Run again with --execute to publish %,d records to %s.%n",
                    report.records(), report.targetTopic());
        }
        out.flush();
    }

    private static String archivedTopics(ArchiveStore store) {
        TreeSet<String> topics = new TreeSet<>();
        store.list("").forEach(o -> topics.add(ArchiveKey.parse(o.key()).topic()));
        return topics.isEmpty() ? "none" : String.join(", ", List.copyOf(topics));
    }
}
