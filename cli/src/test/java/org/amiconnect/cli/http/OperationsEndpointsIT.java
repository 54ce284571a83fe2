package org.amiconnect.cli.http;

import static org.amiconnect.cli.AmiConnectRun.amiconnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.amiconnect.cli.AmiConnect;
import org.amiconnect.cli.commands.RunCommand;
import org.amiconnect.testsupport.cli.CommandRun;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.config.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiconnect run --http-port}: /metrics scraped during an ingest shows the normalize and load counters move,
 * /health and /ready answer 200, the status page and /status.json show the org, and {@code status --url} reads them.
 */
class OperationsEndpointsIT {

    private static final int METERS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static Path config;
    static int port;
    static Thread pipeline;
    static final AtomicInteger pipelineExit = new AtomicInteger(-1);

    @BeforeAll
    static void startPipeline() {
        port = FreePorts.next();
        config = ConfigFiles.in(dir).embeddedKafka().embeddedRegistry().localArchive()
                .simulatedBeacon360("ops_utility", METERS, 7).duckdbSink("wh", dir.resolve("warehouse.duckdb"))
                .set("loader.batch-interval", "500ms").set("notifications.check-interval", "2s").write();
        pipeline = new Thread(() -> pipelineExit.set(AmiConnect.execute("run", "-c", config.toString(),
                "--state-dir", dir.resolve("state").toString(), "--http-port", String.valueOf(port),
                "--http-bind", "127.0.0.1")), "amiconnect-run");
        pipeline.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> RunCommand.running() || !pipeline.isAlive());
        assertThat(pipeline.isAlive()).as("amiconnect run is up").isTrue();
    }

    @AfterAll
    static void stopPipeline() throws InterruptedException {
        RunCommand.stop();
        pipeline.join(Duration.ofSeconds(90).toMillis());
        assertThat(pipeline.isAlive()).as("amiconnect run stopped").isFalse();
        assertThat(pipelineExit.get()).isZero();
    }

    @Test
    void metricsScrapedDuringAnIngestShowTheCountersMove() throws Exception {
        // the start-up runs of the schedules come first: wait until they are loaded, then ingest a new range
        await().atMost(Duration.ofSeconds(120)).until(() -> counter(get("/metrics").body(),
                "amiconnect_rows_loaded_total", "table=\"readings\"") > 0);
        String before = get("/metrics").body();
        double normalizedBefore = counter(before, "amiconnect_reads_normalized_total", "");
        double loadedBefore = counter(before, "amiconnect_rows_loaded_total", "table=\"readings\"");

        CommandRun extract = amiconnect("extract", "-c", config.toString(), "--org", "ops_utility", "--start",
                "2026-05-01", "--end", "2026-05-03", "--wait", "--timeout", "90s");
        assertThat(extract.exit()).as(extract.out() + extract.err()).isZero();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String after = get("/metrics").body();
            assertThat(counter(after, "amiconnect_reads_normalized_total", "")).isGreaterThan(normalizedBefore);
            assertThat(counter(after, "amiconnect_rows_loaded_total", "table=\"readings\""))
                    .isGreaterThanOrEqualTo(loadedBefore + METERS * 48);
            assertThat(after).contains("amiconnect_extract_runs_total{org=\"ops_utility\",state=\"SUCCEEDED\","
                    + "vendor=\"beacon_360\"}", "amiconnect_freshness_seconds{org=\"ops_utility\"}",
                    "amiconnect_consumer_lag{service=\"transformer\"}", "kafka_stream_", "kafka_admin_client_");
        });
    }

    @Test
    void healthReadyTheStatusPageAndStatusUrlAnswer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\" : \"UP\"", "\"transformer\" : \"UP\"",
                "\"loader of sink wh\" : \"UP\"", "\"archiver\" : \"UP\"", "\"extractor\" : \"UP\"");
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"broker\" : \"UP\"", "\"warehouse wh\" : \"UP\"");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("ops_utility", "<svg");
        assertThat(get("/status.json").body()).contains("\"org_id\" : \"ops_utility\"");
        // the warehouse the pipeline's loader holds is read in the same process: freshness is known
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/status.json").body()
                .contains("\"newest_flowtime\" : null"));
        assertThat(get("/status.json").body()).doesNotContain("not read:");

        CommandRun status = amiconnect("status", "-c", config.toString(), "--url", "http://127.0.0.1:" + port);
        assertThat(status.out()).containsPattern("(ok|!!)\\s+ops_utility\\s+beacon_360");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label} (0 when none). */
    static double counter(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
