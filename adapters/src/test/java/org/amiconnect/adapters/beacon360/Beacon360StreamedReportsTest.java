package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A window of many reports against the simulator over HTTP: each report is published as it arrives and deleted once
 * published, so the downloads on disk never exceed {@link Beacon360RangeReports#REPORTS_AT_ONCE}, and none is left.
 */
class Beacon360StreamedReportsTest {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final int METERS = 20;
    /** Twelve local hours of a summer day. */
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-10T19:00:00Z");
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final List<Beacon360Simulator> simulators = new ArrayList<>();
    private final String org = "streamed_org_" + ORGS.incrementAndGet();

    @AfterEach
    void stop() {
        simulators.forEach(Beacon360Simulator::close);
    }

    @Test
    void aWindowOfTwelveReportsNeverHoldsMoreThanTwoDownloadsAndLeavesNone() throws Exception {
        // a cap of one hour of rows: twelve one-hour reports
        Beacon360Simulator beacon = simulator(METERS);
        List<Beacon360MeterRead> rows = new ArrayList<>();
        List<Integer> filesSeen = new ArrayList<>();

        try (Extractor extractor = extractor(beacon, METERS, METERS)) {
            extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> {
                filesSeen.add(downloadsOnDisk());
                rows.add((Beacon360MeterRead) r);
            });
        }

        assertThat(beacon.rangeRequests()).isEqualTo(12);
        assertThat(filesSeen).isNotEmpty();
        assertThat(filesSeen.stream().mapToInt(Integer::intValue).max().getAsInt())
                .as("downloads on disk while publishing").isBetween(1, Beacon360RangeReports.REPORTS_AT_ONCE);
        assertEveryReadOnce(beacon, rows);
        assertThat(temporaryFolders()).as("temporary folders left behind").isEmpty();
    }

    @Test
    void aRangeBeaconRefusesIsSplitBeforeAnyOfItsRowsArePublishedAndNoRowIsPublishedTwice() throws Exception {
        // no connection count: 12 h refused, 6 h refused twice, four reports of 3 h
        Beacon360Simulator beacon = simulator(100);
        List<Beacon360MeterRead> rows = new ArrayList<>();
        List<Integer> filesSeen = new ArrayList<>();

        try (Extractor extractor = extractor(beacon, 0, 100)) {
            extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> {
                filesSeen.add(downloadsOnDisk());
                rows.add((Beacon360MeterRead) r);
            });
        }

        assertThat(beacon.oversizedReports()).isEqualTo(3);
        assertThat(beacon.downloads()).isEqualTo(4);
        assertThat(filesSeen.stream().mapToInt(Integer::intValue).max().getAsInt())
                .isLessThanOrEqualTo(Beacon360RangeReports.REPORTS_AT_ONCE);
        assertEveryReadOnce(beacon, rows);
        assertThat(temporaryFolders()).isEmpty();
    }

    @Test
    void aDownloadFailingOnTheThirdReportFailsTheExtractAfterTheFirstTwoAndLeavesNoTemporaryFile() {
        Beacon360Simulator beacon = simulator(METERS * 5);
        beacon.failDownloadsFrom(3);
        List<Beacon360MeterRead> rows = new ArrayList<>();

        // reports of 5, 5 and 2 hours; the third download and its retries answer HTTP 500
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> {
            try (Extractor extractor = extractor(beacon, METERS, METERS * 5)) {
                extractor.extract(new ExtractWindow("run-1", START, END), (k, y, r) -> rows.add((Beacon360MeterRead) r));
            }
        });

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(org).contains("HTTP 500");
        assertThat(rows).as("the rows of the first two reports, each once").hasSize(METERS * 10);
        assertThat(rows.stream().map(r -> r.getEndpointSN() + "@" + r.getReadTime()).distinct()).hasSize(METERS * 10);
        assertThat(temporaryFolders()).isEmpty();
    }

    @Test
    void aSinkThatFailsPartWayStopsTheDownloadsAndLeavesNoTemporaryFile() {
        Beacon360Simulator beacon = simulator(METERS);
        AtomicInteger published = new AtomicInteger();
        RawRecordSink failing = (e, k, r) -> {
            if (published.incrementAndGet() > METERS * 3) {
                throw new IllegalStateException("the broker went away");
            }
        };

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> {
            try (Extractor extractor = extractor(beacon, METERS, METERS)) {
                extractor.extract(new ExtractWindow("run-1", START, END), failing);
            }
        });

        assertThat(e).hasMessage("the broker went away");
        assertThat(beacon.downloads()).as("the downloads stop with the publishing").isLessThanOrEqualTo(5);
        assertThat(temporaryFolders()).isEmpty();
    }

    private int downloadsOnDisk() {
        int n = 0;
        for (Path folder : temporaryFolders()) {
            try (Stream<Path> files = Files.list(folder)) {
                n += (int) files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    private List<Path> temporaryFolders() {
        try (Stream<Path> all = Files.list(TMP)) {
            return all.filter(p -> p.getFileName().toString().startsWith("amiconnect-beacon360-" + org + "-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertEveryReadOnce(Beacon360Simulator beacon, List<Beacon360MeterRead> rows) {
        List<String> expected = beacon.generator().reads(START, END)
                .map(r -> r.meter().endpointSn() + "@" + r.readTimeText()).sorted().toList();
        assertThat(expected).hasSize(METERS * 12);
        assertThat(rows.stream().map(r -> r.getEndpointSN() + "@" + r.getReadTime()).sorted().toList())
                .containsExactlyElementsOf(expected);
    }

    private Extractor extractor(Beacon360Simulator beacon, long expectedConnections, long rowCap) {
        Beacon360Settings settings = new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL,
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD), Duration.ofMillis(10), 20, 2,
                Duration.ofMillis(10), Duration.ofSeconds(30), Optional.empty(), Optional.empty(), rowCap,
                expectedConnections);
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, org, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.of(beacon.baseUrl()));
        return new Beacon360Adapter().extractor(source);
    }

    private Beacon360Simulator simulator(long rowCap) {
        Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                .withUtility(5L, METERS, LOS_ANGELES)
                .withClock(Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC))
                .withPollsBeforeDone(0)
                .withReportRowCap(rowCap));
        simulators.add(beacon);
        return beacon;
    }
}
