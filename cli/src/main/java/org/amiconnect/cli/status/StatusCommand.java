package org.amiconnect.cli.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.amiconnect.cli.commands.ConfiguredCommand;
import org.amiconnect.cli.commands.extract.RunningCluster;
import org.amiconnect.cli.notify.Redactor;
import org.amiconnect.cli.runtime.Infrastructure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amiconnect status}: one line per org, and whether anything needs attention (the exit code). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show each org at a glance: last successful extract run and its range, next scheduled run, backfill "
                    + "progress, newest read loaded (freshness), dead letters in the last 24 h; then the consumer lag "
                    + "of each service and failed checks.",
            "Reads the running cluster (run history topic, consumer groups, ami.dlq) and the warehouses. A DuckDB "
                    + "warehouse is locked while the pipeline runs: then ask the running process with --url.",
            "Exit codes: 0 all fine, 1 something needs attention (failed run, stale org, dead letters, failed "
                    + "check) or the status could not be read, 2 invalid configuration."
        })
public final class StatusCommand extends ConfiguredCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the status as JSON (the shape of the status page's /status.json).")
    boolean json;

    @Option(names = "--url", paramLabel = "URL",
            description = "Ask a running `amiconnect run` or service started with --http-port instead of reading the "
                    + "cluster, e.g. http://127.0.0.1:8080")
    URI url;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> status = url != null ? fetch(url) : gather();
        StringWriter text = new StringWriter();
        if (json) {
            text.write(JSON.writeValueAsString(status));
            text.write(System.lineSeparator());
        } else {
            StatusText.print(status, new PrintWriter(text));
        }
        // a run's error may quote a credential: never print one
        out().print(Redactor.of(config()).apply(text.toString()));
        out().flush();
        return Boolean.TRUE.equals(status.get("needs_attention")) ? 1 : 0;
    }

    private Map<String, Object> gather() {
        try (Infrastructure infra = RunningCluster.connect(config(), adapters())) {
            StatusGatherer gatherer = new StatusGatherer(config(), adapters(), infra.clients(), infra.topics(),
                    infra.registry(), List::of, Clock.systemUTC(), Duration.ZERO);
            return gatherer.gather().toMap();
        }
    }

    private static Map<String, Object> fetch(URI base) throws IOException, InterruptedException {
        URI target = base.resolve("/status.json");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(target + " answered HTTP " + r.statusCode());
        }
        return JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
    }
}
