package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.amiconnect.archiver.replay.OffsetReset;
import org.amiconnect.archiver.replay.OffsetResetPlan;
import org.amiconnect.archiver.replay.ResetTarget;
import org.amiconnect.archiver.replay.StoredOffsets;
import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SinkConfig;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect replay offsets}: move a consumer group's offsets, and a loader's offsets in its warehouse. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = "Move the offsets of a consumer group (the transformer, a loader, the archiver, or any other), "
                + "as kafka-consumer-groups --reset-offsets does. For a loader group (<prefix>amiconnect-loader.<sink>) "
                + "the offsets stored in its warehouse move too. Prints the plan unless --execute is given; refuses "
                + "while the group has active members.")
public final class ReplayOffsetsCommand extends ConfiguredCommand {

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The consumer group.")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Reset only this topic (repeatable). Default: every topic the group has offsets for.")
    List<String> topics = List.of();

    @Option(names = "--execute", description = "Apply the plan. Without it, only print it.")
    boolean execute;

    /** Where to move the offsets to: exactly one. */
    static final class Target {
        @Option(names = "--to-datetime", paramLabel = "TIME",
                description = "The first record at or after this time: 2025-03-01T08:00:00Z, "
                        + "2025-03-01T00:00:00-08:00, or a date (midnight UTC).")
        String datetime;

        @Option(names = "--to-offset", paramLabel = "OFFSET", description = "This offset (kept within the partition).")
        Long offset;

        @Option(names = "--to-earliest", description = "The oldest record each partition still holds.")
        boolean earliest;

        @Option(names = "--to-latest", description = "The end of each partition (skip what was not yet read).")
        boolean latest;

        ResetTarget resolve() {
            if (datetime != null) {
                return new ResetTarget.ToDatetime(TimeArgs.parse(datetime, "--to-datetime"));
            }
            if (offset != null) {
                return new ResetTarget.ToOffset(offset);
            }
            return earliest ? new ResetTarget.ToEarliest() : new ResetTarget.ToLatest();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        AmiConnectConfig config = config();
        ResetTarget to = target.resolve();
        try (ClusterSession cluster = ClusterSession.open(config, err)) {
            Optional<StoredOffsets> warehouse = warehouse(config, cluster);
            try (OffsetReset reset = new OffsetReset(cluster.clients())) {
                OffsetResetPlan plan = reset.plan(group, to, topics, warehouse);
                print(out, plan);
                if (!execute) {
                    if (!plan.activeMembers().isEmpty()) {
                        out.println("The group has active members (" + String.join(", ", plan.activeMembers())
                                + "): stop them before running with --execute.");
                    }
                    out.println("Nothing was changed. Run again with --execute to apply.");
                    return 0;
                }
                reset.execute(plan, warehouse);
                out.println("Offsets of " + group + " reset" + (plan.warehouse().isPresent()
                        ? ", in Kafka and in the warehouse." : "."));
                return 0;
            } finally {
                warehouse.ifPresent(StoredOffsets::close);
            }
        }
    }

    private Optional<StoredOffsets> warehouse(AmiConnectConfig config, ClusterSession cluster) {
        Optional<String> sinkId = LoaderStoredOffsets.loaderSinkId(group, cluster.topics());
        if (sinkId.isEmpty()) {
            return Optional.empty();
        }
        SinkConfig sink = config.sink(sinkId.get()).orElseThrow(() -> new IllegalArgumentException("--group " + group
                + " is the loader group of sink '" + sinkId.get() + "', which " + config.configFile().getFileName()
                + " does not define"));
        return LoaderStoredOffsets.open(sink).map(StoredOffsets.class::cast);
    }

    private static void print(PrintWriter out, OffsetResetPlan plan) {
        out.println("Reset of consumer group " + plan.group() + " " + plan.target().describe());
        plan.warehouse().ifPresent(w -> out.println("  the loader's offsets stored in " + w + " move too"));
        printPartitions(out, plan);
    }

    /**
     * Prints the plan's partitions as a table: earliest, latest and committed offsets (and the warehouse's stored
     * one when the plan moves it too) and the new offset.
     */
    static void printPartitions(PrintWriter out, OffsetResetPlan plan) {
        boolean withWarehouse = plan.warehouse().isPresent();
        TextTable table = withWarehouse
                ? new TextTable("TOPIC", "PARTITION", "EARLIEST", "LATEST", "COMMITTED", "WAREHOUSE", "NEW")
                : new TextTable("TOPIC", "PARTITION", "EARLIEST", "LATEST", "COMMITTED", "NEW");
        for (OffsetResetPlan.PartitionReset p : plan.partitions()) {
            Long committed = p.committed().isPresent() ? p.committed().getAsLong() : null;
            Long stored = p.stored().isPresent() ? p.stored().getAsLong() : null;
            if (withWarehouse) {
                table.row(p.topic(), p.partition(), p.earliest(), p.latest(), committed, stored, p.target());
            } else {
                table.row(p.topic(), p.partition(), p.earliest(), p.latest(), committed, p.target());
            }
        }
        table.print(out, "  ");
        out.flush();
    }
}
