package org.amiconnect.cli.commands.extract;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.schemas.control.ExtractRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code amiconnect import predecessor}: the Python predecessor's extract outputs, so a migrating utility keeps its
 * history. The predecessor kept each run's extract files under {@code <output_folder>/<run_id>/<org_id>/e/<file>}
 * (local task output; S3 objects downloaded with its {@code download-intermediate-output}, or still gzip-compressed,
 * have the same layout under {@code intermediate_outputs/}). Each run folder becomes one file extract request, so each
 * predecessor run becomes one run here, its records' source naming {@code <run_id>/<org_id>/e/<file>}.
 */
@Command(name = "predecessor", mixinStandardHelpOptions = true,
        description = {
            "Import the Python AMI Connect's archived extract outputs of one org: every <run_id>/<ORG>/e/<file> under "
                    + "the given folders (its local task output folder, or its S3 intermediate_outputs downloaded; "
                    + "gzip files are read as such). Each predecessor run becomes one file extract on "
                    + "ami.control.extract-requests, run by the extractor that owns the org, through the same raw path "
                    + "as a report from the vendor.",
            "Paths must be readable by the extractor. With --wait it follows every run and exits 0 only if all "
                    + "SUCCEEDED."
        })
public final class ImportPredecessorCommand extends ConfiguredCommand {

    @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The source (org_id) to import.")
    String org;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "The predecessor's output folder, a run folder in it, or extract files.")
    List<Path> paths;

    @Mixin
    FollowOptions follow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        AmiConnectConfig config = config();
        AdapterCatalog adapters = adapters();
        Map<String, List<Path>> runs = extractFilesByRun(paths, org);
        if (runs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no predecessor extract outputs of org '" + org
                    + "' (<run_id>/" + org + "/e/<file>) under " + paths);
        }
        out.printf("Found %d predecessor run(s) of %s%n", runs.size(), org);
        List<ExtractRequest> requests = new ArrayList<>();
        Instant now = Instant.now();
        runs.forEach((run, files) -> requests.add(ExtractRequests.files(org,
                FileArgs.absolute(files, config, adapters, org, spec), "import of predecessor run " + run,
                follow.requestedBy, now)));
        return RequestFollower.publishAndFollow(requests, config, adapters, follow.wait, follow.timeout, out, err());
    }

    /** The extract files of {@code org} under {@code paths}, by predecessor run id, in run id order. */
    static Map<String, List<Path>> extractFilesByRun(List<Path> paths, String org) {
        Map<String, List<Path>> runs = new TreeMap<>();
        for (Path path : paths) {
            try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    Path e = f.toAbsolutePath().normalize().getParent();
                    Path orgDir = e == null ? null : e.getParent();
                    Path runDir = orgDir == null ? null : orgDir.getParent();
                    if (runDir != null && runDir.getFileName() != null && e.getFileName().toString().equals("e")
                            && orgDir.getFileName().toString().equals(org)) {
                        runs.computeIfAbsent(runDir.getFileName().toString(), r -> new ArrayList<>()).add(f);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }
}
