package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.config.Secret;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.amiconnect.simulators.beacon360.VendorQuirks;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class Beacon360ClientTest {

    private static final String ORG = "client_test_org";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final int METERS = 20;
    /** Six local hours of a summer day, long before the simulator's clock. */
    private static final LocalDateTime START = LocalDateTime.parse("2026-06-10T00:00");
    private static final LocalDateTime END = LocalDateTime.parse("2026-06-10T06:00");
    private static final Clock AFTER_WINDOW = Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC);

    private final List<Beacon360Simulator> simulators = new ArrayList<>();
    private final List<Beacon360Client.Report> reports = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Beacon360Client.Report report : reports) {
            Files.deleteIfExists(report.file());
        }
        simulators.forEach(Beacon360Simulator::close);
    }

    @Test
    void downloadsReportWithOneRowPerMeterAndHour() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);

        Beacon360Client.Report report = fetch(client(beacon, settings(5, 3)));

        List<Beacon360MeterRead> rows = rows(report);
        assertThat(rows).hasSize(METERS * 6);
        Set<String> endpoints = beacon.generator().meters().stream().map(SimulatedMeter::endpointSn)
                .collect(Collectors.toSet());
        assertThat(rows).extracting(Beacon360MeterRead::getEndpointSN).containsOnlyElementsOf(endpoints);
        assertThat(rows).extracting(Beacon360MeterRead::getReadTime)
                .allSatisfy(t -> assertThat(t).startsWith("2026-06-10 0").isLessThan("2026-06-10 06:00"));
        assertThat(report.edsUuid()).isNotBlank();
        assertThat(report.reportUrl()).startsWith("/v1/content/" + report.edsUuid() + "/");
        // two "run" answers, then "done"
        assertThat(beacon.statusPolls()).isEqualTo(3);
        assertThat(beacon.downloads()).isEqualTo(1);
    }

    @Test
    void reportCarriesEveryRequestedColumn() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);

        Beacon360Client.Report report = fetch(client(beacon, settings(5, 3)));

        String header = Files.readAllLines(report.file(), StandardCharsets.UTF_8).get(0);
        assertThat(header.replace("\"", "").split(",")).containsExactlyElementsOf(Beacon360Columns.ALL);
    }

    @Test
    void waitsAsToldWhenRateLimitedAndThenSucceeds() throws Exception {
        // every 2nd report request is answered 429 with Retry-After: 1
        Beacon360Simulator beacon = simulator(o -> o.withRateLimitEveryNthRequest(2).withRetryAfterSeconds(1));
        Beacon360Client client = client(beacon, settings(5, 3));
        fetch(client);

        long began = System.nanoTime();
        Beacon360Client.Report second = fetch(client);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(beacon.rateLimitedResponses()).isEqualTo(1);
        assertThat(beacon.rangeRequests()).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(rows(second)).hasSize(METERS * 6);
    }

    @Test
    void waitsTheSecondsARateLimitNamesAsTextAndLogsThatWait() throws Exception {
        // Beacon's 429 names its wait in args[2] as the text "3", with no Retry-After header
        Beacon360Simulator beacon = simulator(o -> o.withRateLimitEveryNthRequest(2).withRetryAfterSeconds(3)
                .withQuirks(VendorQuirks.none().withRetryWaitAsText(true)));
        Beacon360Client client = client(beacon, settings(5, 3));
        fetch(client);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger clientLog = (Logger) LoggerFactory.getLogger(Beacon360Client.class);
        logged.start();
        clientLog.addAppender(logged);

        long began = System.nanoTime();
        try {
            fetch(client);
        } finally {
            clientLog.detachAppender(logged);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(beacon.rateLimitedResponses()).isEqualTo(1);
        // the configured retry_backoff is 50 ms: only the asked 3 s explain the wait
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2990));
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("rate limited by Beacon; waiting 3 s as asked (args[2] = \"3\")"));
    }

    @Test
    void rateLimitOnEveryAttemptIsTransient() {
        Beacon360Simulator beacon = simulator(o -> o.withRateLimitEveryNthRequest(1).withRetryAfterSeconds(1));

        ExtractException e = failure(client(beacon, settings(5, 2)));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(ORG).contains("rate limit").contains("2 times");
        assertThat(beacon.rateLimitedResponses()).isEqualTo(2);
    }

    @Test
    void refusedCredentialsFailAtOnceWithoutRevealingThem() {
        Beacon360Simulator beacon = simulator(o -> o);
        String wrongPassword = "wrong-Pa55word";
        Beacon360Settings settings = new Beacon360Settings(beacon.baseUrl(),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME), Secret.of(wrongPassword),
                Duration.ofMillis(20), 5, 3, Duration.ofMillis(50), Duration.ofSeconds(30));

        ExtractException e = failure(new Beacon360Client(ORG, settings, beacon.baseUrl()));

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(ORG).contains("401").contains("secrets.yaml");
        String basic = Base64.getEncoder().encodeToString(
                (Beacon360SimulatorOptions.DEFAULT_USERNAME + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
        assertThat(e.getMessage()).doesNotContain(wrongPassword).doesNotContain(basic);
        assertThat(beacon.rangeRequests()).as("authenticated requests").isZero();
    }

    @Test
    void vendorSideReportFailureIsPermanentWithTheVendorMessage() {
        String vendorMessage = "Export failed: too many rows for the requested range";
        Beacon360Simulator beacon = simulator(o -> o.withFailReportWith(vendorMessage));

        ExtractException e = failure(client(beacon, settings(5, 3)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG).contains(vendorMessage);
        assertThat(beacon.downloads()).isZero();
    }

    @Test
    void rejectedReportRequestIsPermanent() {
        Beacon360Simulator beacon = simulator(o -> o);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> client(beacon, settings(5, 3)).fetchRangeReport(END, START));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG).contains("HTTP 400").contains("End_Date");
        assertThat(beacon.rangeRequests()).isEqualTo(1);
    }

    @Test
    void retriesFailedDownloadsAndSucceeds() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);
        beacon.failNextDownloads(2);

        Beacon360Client.Report report = fetch(client(beacon, settings(5, 3)));

        assertThat(beacon.downloads()).isEqualTo(3);
        assertThat(rows(report)).hasSize(METERS * 6);
    }

    @Test
    void downloadFailingOnEveryAttemptIsTransient() {
        Beacon360Simulator beacon = simulator(o -> o);
        beacon.failNextDownloads(10);

        ExtractException e = failure(client(beacon, settings(5, 3)));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG).contains("download").contains("HTTP 500");
        assertThat(beacon.downloads()).isEqualTo(3);
    }

    @Test
    void unreachableApiIsTransientAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        Beacon360Settings settings = new Beacon360Settings(nowhere, Secret.of("user"), Secret.of("password"),
                Duration.ofMillis(20), 5, 3, Duration.ofMillis(50), Duration.ofSeconds(5));

        long began = System.nanoTime();
        ExtractException e = failure(new Beacon360Client(ORG, settings, nowhere));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG).contains(nowhere.toString());
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        // two backoffs between three attempts: at least 25 ms + 50 ms (each is jittered down to half)
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(75));
    }

    @Test
    void reportNeverDoneIsTransientNamingThePollCount() {
        Beacon360Simulator beacon = simulator(o -> o.withPollsBeforeDone(1_000));

        ExtractException e = failure(client(beacon, settings(4, 3)));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG).contains("not done after 4 polls");
        assertThat(beacon.statusPolls()).isEqualTo(4);
        assertThat(beacon.downloads()).isZero();
    }

    private Beacon360Simulator simulator(UnaryOperator<Beacon360SimulatorOptions> options) {
        Beacon360Simulator simulator = Beacon360Simulator.start(options.apply(Beacon360SimulatorOptions.defaults()
                .withUtility(11L, METERS, LOS_ANGELES)
                .withClock(AFTER_WINDOW)));
        simulators.add(simulator);
        return simulator;
    }

    /** The simulator's credentials; short polls and backoffs so retries take milliseconds. */
    private static Beacon360Settings settings(int maxPolls, int maxRetries) {
        return new Beacon360Settings(URI.create("https://api.beaconama.net"),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME), Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD),
                Duration.ofMillis(20), maxPolls, maxRetries, Duration.ofMillis(50), Duration.ofSeconds(30));
    }

    private static Beacon360Client client(Beacon360Simulator beacon, Beacon360Settings settings) {
        return new Beacon360Client(ORG, settings, beacon.baseUrl());
    }

    private Beacon360Client.Report fetch(Beacon360Client client) throws ExtractException, InterruptedException {
        Beacon360Client.Report report = client.fetchRangeReport(START, END);
        reports.add(report);
        return report;
    }

    private ExtractException failure(Beacon360Client client) {
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> fetch(client));
        assertThat(e).as("fetching the report must fail").isNotNull();
        return e;
    }

    private static List<Beacon360MeterRead> rows(Beacon360Client.Report report) throws IOException {
        List<Beacon360MeterRead> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(report.file(), StandardCharsets.UTF_8)) {
            Beacon360RawRecords.read(reader, ORG, "run", Instant.EPOCH, report.edsUuid(), rows::add);
        }
        return rows;
    }
}
