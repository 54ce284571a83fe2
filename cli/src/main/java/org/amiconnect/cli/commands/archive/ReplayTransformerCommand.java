package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.amiconnect.archiver.replay.OffsetReset;
import org.amiconnect.archiver.replay.OffsetResetPlan;
import org.amiconnect.archiver.replay.ResetTarget;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.commands.StateDirOption;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.transformer.TransformerReset;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.clients.admin.Admin;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amiconnect replay transformer}: reset the Kafka Streams application so it normalizes again from a time, as
 * Kafka's application reset tool does: input (raw) offsets to the time, internal topics (store changelogs) deleted,
 * local state deleted. Output topics are kept: the loaders upsert, so re-normalized reads replace what they loaded.
 */
@Command(name = "transformer", mixinStandardHelpOptions = true,
        description = "Reset the transformer (the Kafka Streams application) to normalize again from a time: its "
                + "input offsets on the raw topics of the configured vendors move to the time, its internal topics "
                + "(state store changelogs) and its local state directory are deleted, so waiting reads, merge and "
                + "de-duplication state start empty. ami.meters and ami.meter-reads are kept. Prints the plan unless "
                + "--execute is given; refuses while a transformer is running.")
public final class ReplayTransformerCommand extends ConfiguredCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--execute", description = "Apply the plan. Without it, only print it.")
    boolean execute;

    @Mixin
    StateDirOption stateDir;

    /** Where to move the input offsets to: exactly one. */
    static final class Target {
        @Option(names = "--to-datetime", paramLabel = "TIME",
                description = "The first raw record published at or after this time: 2025-03-01T08:00:00Z, "
                        + "2025-03-01T00:00:00-08:00, or a date (midnight UTC).")
        String datetime;

        @Option(names = "--to-earliest", description = "The oldest raw record each partition still holds.")
        boolean earliest;

        ResetTarget resolve() {
            return datetime != null ? new ResetTarget.ToDatetime(TimeArgs.parse(datetime, "--to-datetime"))
                    : new ResetTarget.ToEarliest();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        try (ClusterSession cluster = ClusterSession.open(config, err());
                OffsetReset reset = new OffsetReset(cluster.clients());
                Admin admin = Admin.create(cluster.clients().admin("amiconnect-replay-transformer"))) {
            String applicationId = TransformerService.applicationId(cluster.topics());
            List<String> rawTopics = config.sources().stream().map(SourceConfig::type).distinct()
                    .flatMap(type -> adapters.get(type).rawEntities().stream()).map(cluster.topics()::raw)
                    .distinct().toList();
            OffsetResetPlan plan = reset.plan(applicationId, target.resolve(), rawTopics, Optional.empty());
            List<String> internal = TransformerReset.internalTopics(admin, applicationId);
            Path local = TransformerReset.localState(config.transformer().stateDir()
                    .orElse(stateDir.path().resolve("streams")), applicationId);

            out.println("Reset of the transformer (application " + applicationId + ") " + plan.target().describe());
            ReplayOffsetsCommand.printPartitions(out, plan);
            out.println("  internal topics to delete: " + (internal.isEmpty() ? "none" : String.join(", ", internal)));
            out.println("  local state to delete: " + local.toAbsolutePath());
            if (!execute) {
                if (!plan.activeMembers().isEmpty()) {
                    out.println("A transformer is running (" + String.join(", ", plan.activeMembers())
                            + "): stop it before running with --execute.");
                }
                out.println("Nothing was changed. Run again with --execute to apply.");
                return 0;
            }
            reset.execute(plan, Optional.empty());
            TransformerReset.deleteTopics(admin, internal);
            TransformerReset.deleteLocalState(local);
            out.println("The transformer was reset: it normalizes again from the new offsets when it next starts.");
            return 0;
        }
    }
}
