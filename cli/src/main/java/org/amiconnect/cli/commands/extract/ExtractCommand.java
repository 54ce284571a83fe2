package org.amiconnect.cli.commands.extract;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.schemas.control.ExtractRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code amiconnect extract}: ask the running extractors for a manual extract of a range or of files. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Request a manual extract of one source for a range, or of vendor files the utility already has "
                    + "(--file): publishes an ExtractRequest on ami.control.extract-requests, which the extractor "
                    + "instance owning the org runs (after any run of the org already going on).",
            "Days are the source's local days; --end is exclusive (--start 2026-11-01 --end 2026-11-03 extracts "
                    + "November 1 and 2). With --wait it follows the run and exits 0 only if it SUCCEEDED."
        })
public final class ExtractCommand extends ConfiguredCommand {

    @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The source (org_id) to extract.")
    String org;

    @Option(names = "--start", paramLabel = "DAY",
            description = "First day (2026-11-01), or a local date-time (2026-11-01T06:00) or UTC instant (…Z).")
    String start;

    @Option(names = "--end", paramLabel = "DAY",
            description = "Exclusive end: the day after the last one, or a local date-time or UTC instant.")
    String end;

    @Option(names = "--file", paramLabel = "PATH", arity = "1..*",
            description = "Instead of a range: vendor files the utility already has (e.g. a Beacon 360 report "
                    + "downloaded by hand), published as the org's raw records with the file name as their source. "
                    + "Paths must be readable by the extractor (they are sent as absolute paths).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the run history.")
    String reason;

    @Mixin
    FollowOptions follow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        PrintWriter err = err();
        // an unknown org is the extractor's to reject (it says so in the run history); its days are read in UTC
        ZoneId zone = config().source(org).map(SourceConfig::timezone).orElse(ZoneOffset.UTC);
        ExtractRequest request;
        if (!files.isEmpty()) {
            if (start != null || end != null) {
                throw new ParameterException(spec.commandLine(), "--file and --start/--end exclude each other");
            }
            request = ExtractRequests.files(org, FileArgs.absolute(files, config(), adapters(), org, spec), reason,
                    follow.requestedBy, Instant.now());
        } else {
            if (start == null || end == null) {
                throw new ParameterException(spec.commandLine(), "either --start and --end, or --file, is required");
            }
            request = ExtractRequests.manual(org, RangeBound.parse(start, zone, "--start", spec),
                    RangeBound.parse(end, zone, "--end", spec), reason, follow.requestedBy, Instant.now());
        }
        return RequestFollower.publishAndFollow(List.of(request), config(), adapters(), follow.wait, follow.timeout, out,
                err);
    }}
