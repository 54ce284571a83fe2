package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.END;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.METERS;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.START;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.assertEveryReadOnce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A window of many reports against the simulator over HTTP: each report is published as it arrives and deleted once
 * published, so the downloads on disk never exceed {@link Beacon360RangeReports#REPORTS_AT_ONCE}, and none is left.
 */
class Beacon360StreamedReportsTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final Beacon360SimulatedSource source = new Beacon360SimulatedSource("streamed_org");
    private final String org = source.org();

    @AfterEach
    void stop() {
        source.close();
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

    @Test
    void aFolderOfAKilledRunIsSweptByTheNextRunAndOneOfARunningProcessIsKept() throws Exception {
        Process killed = new ProcessBuilder("sleep", "60").start();
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Path left = leftover(killed);
            killed.destroyForcibly().waitFor();
            Path kept = leftover(running);
            Beacon360Simulator beacon = simulator(METERS * 12);

            try (Extractor extractor = extractor(beacon, METERS, METERS * 12)) {
                extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> { });
            }

            assertThat(left).doesNotExist();
            assertThat(kept.resolve("report.csv")).exists();
            assertThat(temporaryFolders()).containsExactly(kept);
        } finally {
            running.destroy();
            for (Path folder : temporaryFolders()) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A download folder of this org as {@code owner} makes it, holding part of a report. */
    private Path leftover(Process owner) throws IOException {
        long started = owner.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Path folder = Files.createDirectory(TMP.resolve(Beacon360RangeReports.TEMPORARY_KIND + org + "-pid"
                + owner.pid() + "-t" + started + "-42"));
        Files.write(folder.resolve("report.csv"), new byte[4096]);
        return folder;
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

    private Extractor extractor(Beacon360Simulator beacon, long expectedConnections, long rowCap) {
        return source.extractor(beacon, expectedConnections, rowCap);
    }

    private Beacon360Simulator simulator(long rowCap) {
        return source.simulator(5L, rowCap, o -> o);
    }
}
