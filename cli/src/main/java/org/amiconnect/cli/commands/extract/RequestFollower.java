package org.amiconnect.cli.commands.extract;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.extractor.publish.ControlPublisher;
import org.amiconnect.extractor.runs.RunVisibility;
import org.amiconnect.extractor.runs.RunWatcher;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;

/** Publishes extract requests for the running extractors and, when asked, follows each run to its final state. */
final class RequestFollower {

    private RequestFollower() {
    }

    /**
     * @param wait follow each request's run and print its progress and outcome
     * @return 0 when published (and, with {@code wait}, when every run SUCCEEDED), else 1
     */
    static int publishAndFollow(List<ExtractRequest> requests, AmiConnectConfig config, AdapterCatalog adapters,
            boolean wait, Duration timeout, PrintWriter out, PrintWriter err) throws InterruptedException {
        try (Infrastructure infra = RunningCluster.connect(config, adapters);
                RunWatcher watcher = wait ? new RunWatcher(infra.clients(), infra.topics(), infra.registry()) : null;
                ControlPublisher publisher = new ControlPublisher(infra.clients(), infra.topics(), infra.registry(),
                        "amiconnect-extract-command")) {
            for (ExtractRequest request : requests) {
                publisher.publish(request);
                out.printf("Requested %s: %s %s%n", request.getRequestId(), request.getOrgId(), what(request));
            }
            out.flush();
            if (!wait) {
                out.printf("Follow it with: amiconnect runs --org %s%n", requests.get(0).getOrgId());
                return 0;
            }
            int exit = 0;
            for (ExtractRequest request : requests) {
                Optional<ExtractRun> done = watcher.awaitFinal(request.getRequestId(), timeout, state -> {
                    out.println(RunLines.progress(state));
                    out.flush();
                });
                if (done.isEmpty()) {
                    err.printf("No final state within %s; the request stays queued for the extractors. "
                            + "Check with: amiconnect runs --org %s%n", timeout, request.getOrgId());
                    return 1;
                }
                out.println(RunLines.outcome(done.get()));
                out.flush();
                if (done.get().getState() != ExtractRunState.SUCCEEDED) {
                    exit = 1;
                } else if (!RunVisibility.await(infra.clients(), List.of(done.get()), timeout)) {
                    // the run topic's commit marker can come before a raw partition's: SUCCEEDED is said once both are
                    err.printf("Run %s SUCCEEDED but its records did not become visible within %s%n",
                            done.get().getRunId(), timeout);
                    exit = 1;
                }
            }
            return exit;
        }
    }

    private static String what(ExtractRequest request) {
        return request.getFiles().isEmpty() ? "[" + request.getRangeStart() + " .. " + request.getRangeEnd() + ")"
                : request.getFiles().size() + " file(s): " + String.join(", ", request.getFiles());
    }
}
