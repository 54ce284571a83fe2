package org.amiconnect.loader.checks;

import static org.amiconnect.testsupport.records.TestRecords.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.DuckDbSink;
import org.amiconnect.loader.sink.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How failed checks are reported: exit status (report), log, counters, notify-command and notify-url. */
class CheckRunnerTest {

    private static final Instant T0 = Instant.parse("2024-08-01T07:00:00Z");

    @TempDir
    Path dir;

    private Path file;
    private DuckDbSink sink;
    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("checks.duckdb");
        sink = new DuckDbSink(file);
        sink.createTables(List.of());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/ami-token-123", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "|" + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        sink.close();
    }

    private void twoCurrentRowsForOneDevice() throws Exception {
        Batch batch = new Batch("checks-test");
        batch.addMeter(meter("utility_a", "d1", "1 MAIN ST"), T0);
        sink.writeBatch(batch);
        try (Warehouse w = new Warehouse(file)) {
            w.execute("INSERT INTO meters SELECT * FROM meters");
        }
    }

    private SinkConfig sinkConfig(List<String> command, Optional<URI> url) {
        return new SinkConfig("local", "duckdb", file, Optional.empty(), List.of(), Map.of(), Optional.of("0 6 * * *"),
                command, url);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ami-token-123");
    }

    @Test
    void reportsAFailedCheckToTheCommandTheUrlAndTheCounters() throws Exception {
        twoCurrentRowsForOneDevice();
        Path received = dir.resolve("notification.json");
        SinkConfig config = sinkConfig(List.of("sh", "-c", "cat > '" + received + "'"), Optional.of(hook()));

        CheckReport report = new CheckRunner(metrics, Clock.systemUTC()).run(config, sink, DataQualityChecks.all(),
                new CheckContext(Map.of()));

        assertThat(report.failed()).isTrue();
        assertThat(report.withStatus(CheckStatus.FAILED)).extracting(CheckResult::check)
                .containsExactly("meters-unique-by-device-id");
        assertThat(report.withStatus(CheckStatus.PASSED)).hasSize(2);
        assertThat(metrics.counter("amiconnect.checks.failures", "sink", "local", "check", "meters-unique-by-device-id")
                .count()).isEqualTo(1.0);
        assertThat(metrics.counter("amiconnect.checks.runs", "sink", "local", "check", "readings-have-no-data-gaps",
                "status", "PASSED").count()).isEqualTo(1.0);

        JsonNode json = new ObjectMapper().readTree(Files.readString(received));
        assertThat(json.get("sink").asText()).isEqualTo("local");
        assertThat(json.get("failed").asBoolean()).isTrue();
        assertThat(json.get("results").get(0).get("check").asText()).isEqualTo("meters-unique-by-device-id");
        assertThat(json.get("results").get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("results").get(0).get("examples").get(0).asText()).isEqualTo("utility_a/d1: 2 current rows");
        assertThat(posted).singleElement().satisfies(body -> {
            assertThat(body).endsWith("|application/json");
            assertThat(new ObjectMapper().readTree(body.substring(0, body.lastIndexOf('|'))))
                    .isEqualTo(json);
        });
    }

    @Test
    void notifiesNothingWhenEveryCheckPassesOrOnlyWarns() throws Exception {
        Path received = dir.resolve("notification.json");
        SinkConfig config = sinkConfig(List.of("sh", "-c", "cat > '" + received + "'"), Optional.of(hook()));

        CheckReport report = new CheckRunner(metrics, Clock.systemUTC()).run(config, sink, DataQualityChecks.all(),
                new CheckContext(Map.of()));

        assertThat(report.failed()).isFalse();
        assertThat(received).doesNotExist();
        assertThat(posted).isEmpty();
        assertThat(metrics.find("amiconnect.checks.failures").counters()).isEmpty();
    }

    @Test
    void aCheckThatCannotRunFailsTheReport() throws Exception {
        try (Warehouse w = new Warehouse(file)) {
            w.execute("DROP TABLE meters");
        }
        CheckReport report = new CheckRunner(metrics, Clock.systemUTC()).run(sinkConfig(List.of(), Optional.empty()),
                sink, List.of(new MetersUniqueByDevice()), new CheckContext(Map.of()));

        assertThat(report.failed()).isTrue();
        assertThat(report.errors()).containsOnlyKeys("meters-unique-by-device-id");
        assertThat(report.errors().get("meters-unique-by-device-id")).contains("duplicate current meters");
        assertThat(metrics.counter("amiconnect.checks.runs", "sink", "local", "check", "meters-unique-by-device-id",
                "status", "ERROR").count()).isEqualTo(1.0);
    }

    @Test
    void aFailingHookIsLoggedAndTheReportStillStands() throws Exception {
        twoCurrentRowsForOneDevice();
        CheckNotifier notifier = new CheckNotifier(List.of("sh", "-c", "exit 3"),
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nowhere")));
        CheckReport report = new CheckRunner(metrics, Clock.systemUTC()).run(sinkConfig(List.of(), Optional.empty()),
                sink, DataQualityChecks.all(), new CheckContext(Map.of()));

        assertThat(notifier.send(report)).isFalse();
        assertThat(new CheckNotifier(List.of("/no/such/program"), Optional.empty()).send(report)).isFalse();
    }

    @Test
    void runsTheChecksOnTheirScheduleWithAConnectionOfItsOwn() throws Exception {
        twoCurrentRowsForOneDevice();
        Path received = dir.resolve("scheduled.json");
        SinkConfig config = sinkConfig(List.of("sh", "-c", "cat > '" + received + "'"), Optional.empty());
        // a clock half a second before the next full minute, so that "every minute" ticks right away
        Instant now = Instant.now();
        Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(now, nextMinute.minusMillis(500)));

        try (CheckScheduler scheduler = new CheckScheduler(config, CronSchedule.parse("* * * * *", ZoneOffset.UTC),
                () -> new DuckDbSink(file), List.of(new MetersUniqueByDevice()), new CheckContext(Map.of()),
                new CheckRunner(metrics, clock), clock)) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.lastReport().isPresent());

            assertThat(scheduler.lastReport().get().failed()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(received) && Files.size(received) > 0);
            assertThat(Files.readString(received)).contains("\"meters-unique-by-device-id\"");
        }
        // the sink the loader uses is untouched and still works
        assertThat(sink.storedOffsets("checks-test")).isEmpty();
    }
}
